import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { serveStatic } from './static-files';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import { API_PROTOCOL, MAX_MESSAGE_BYTES, type EventEnvelope } from '../../contract/api';
import type { Clock } from '../clock';
import type { ApiLimits } from '../config/schema';
import { ApiConnection, type ConnectionObserver } from './connection';
import { json, text } from './http-replies';
import { checkHttp, checkUpgrade, type GuardPolicy } from './origin-guard';
import { RefusalLog } from './refusal-log';
import type { CommandRouter } from './router';
import { handleSim, type SimControl } from './sim-route';

interface HttpRoutes {
  /** GET /health body. */
  health(): unknown;
  /** POST /sim/:device/:action (simulated devices only). */
  simControl?: SimControl;
  /** The staff view (/staff …): resolves false when the path is not its. */
  staff?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
}

export interface ApiServerOptions {
  host: string;
  port: number;
  uiDir: string;
  policy: GuardPolicy;
  router: CommandRouter;
  routes: HttpRoutes;
  log: Logger;
  /** What one connection may ask (rate, commands running, bytes waiting to be read). */
  limits: ApiLimits;
  clock: Clock;
  /** In dev mode the UI is served by Vite; the daemon only answers API and health. */
  serveUi?: boolean;
  /**
   * The session's boundary: told which connection runs which command (before
   * it runs) and which connection closed, so that what the session held never
   * outlives the page that used it.
   */
  observer?: ConnectionObserver;
}

/**
 * The daemon's only listener: static UI (with the per-boot token embedded),
 * /health, simulator controls, and the WebSocket API at /api.
 */
export class ApiServer {
  readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<Socket>();
  private readonly connections = new Set<ApiConnection>();
  private readonly refusals: RefusalLog;
  private nextConnId = 1;
  private readonly serveUi: boolean;

  constructor(private readonly opts: ApiServerOptions) {
    this.serveUi = opts.serveUi ?? true;
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.http.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.refusals = new RefusalLog(opts.log, opts.clock);
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_MESSAGE_BYTES,
      // One message per turn of the event loop: a flood on one socket cannot hold the loop (/health and the
      // other pages are served between any two of its messages), and while a message waits the socket is
      // not read further, so TCP pushes back on the sender instead of the daemon buffering its frames.
      allowSynchronousEvents: false,
      handleProtocols: (protocols) => (protocols.has(API_PROTOCOL) ? API_PROTOCOL : false),
    });
    this.http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket as Socket, head));
  }

  /** Resolves with the bound port; rejects with the listen error (EADDRINUSE …). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.http.once('error', onError);
      this.http.listen(this.opts.port, this.opts.host, () => {
        this.http.off('error', onError);
        const addr = this.http.address();
        resolve(typeof addr === 'object' && addr ? addr.port : this.opts.port);
      });
    });
  }

  broadcast(event: EventEnvelope): void {
    const serialised = JSON.stringify(event);
    for (const c of this.connections) c.sendText(serialised);
  }

  get clientCount(): number {
    return this.wss.clients.size;
  }

  async close(): Promise<void> {
    this.refusals.stop();
    for (const ws of this.wss.clients) ws.close(1001, 'daemon shutting down');
    // A client that does not answer the close handshake within a second is cut off (shutdown must not hang on it).
    const cut = setTimeout(() => {
      for (const ws of this.wss.clients) ws.terminate();
    }, 1000);
    await new Promise<void>((r) => this.wss.close(() => r()));
    clearTimeout(cut);
    await new Promise<void>((r) => {
      this.http.close(() => r());
      for (const s of this.sockets) s.destroy();
    });
  }

  private onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const refusal = url.pathname === '/api' ? checkUpgrade(req, this.opts.policy) : { status: 404, reason: 'no such endpoint' };
    if (refusal) {
      this.refusals.refused({ peer: req.socket.remoteAddress, origin: req.headers.origin, ...refusal });
      socket.end(`HTTP/1.1 ${refusal.status} Refused\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${refusal.reason}\n`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  private onConnection(ws: WebSocket): void {
    const { router, limits, clock, log, observer } = this.opts;
    const conn = new ApiConnection(ws, this.nextConnId++, { router, limits, now: () => clock.now(), log, observer });
    this.connections.add(conn);
    ws.on('close', () => this.connections.delete(conn));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const refusal = checkHttp(req, this.opts.policy);
      if (refusal) return text(res, refusal.status, refusal.reason);
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/health' && req.method === 'GET') return json(res, 200, this.opts.routes.health());
      if (this.opts.routes.staff && (await this.opts.routes.staff(req, res, url))) return;
      if (url.pathname.startsWith('/sim/')) return await handleSim(req, res, url, { control: this.opts.routes.simControl, origins: this.opts.policy.origins });
      if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'method not allowed');
      if (!this.serveUi) return text(res, 404, 'the UI is served by the dev server in this mode');
      if (url.pathname === '/' || url.pathname === '/index.html') return this.sendIndex(res);
      if (!(await serveStatic(this.opts.uiDir, req, res, url.pathname))) text(res, 404, 'not found');
    } catch (err) {
      this.opts.log.error({ err: (err as Error).message }, 'HTTP handler failed');
      if (!res.headersSent) text(res, 500, 'internal error');
    }
  }

  private sendIndex(res: ServerResponse): void {
    // Read at every page load (one small file): a rebuilt UI is picked up, never a stale asset list.
    const file = join(this.opts.uiDir, 'index.html');
    if (!existsSync(file)) return text(res, 503, 'The kiosk UI is not built. Run `npm run build` (npm start does this).');
    const html = injectToken(readFileSync(file, 'utf8'), this.opts.policy.token);
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy':
        "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; media-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(html);
  }
}

/** The page carries this boot's token; only a page the daemon served can open the API. */
export function injectToken(html: string, token: string): string {
  return html.replace('</head>', `<meta name="kiosk-token" content="${token}"></head>`);
}
