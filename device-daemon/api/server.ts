import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { serveStatic } from './static-files';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import { API_PROTOCOL, MAX_MESSAGE_BYTES, DeviceId, SimAction, type EventEnvelope } from '../../contract/api';
import { checkHttp, checkUpgrade, type GuardPolicy } from './origin-guard';
import type { CommandRouter } from './router';

interface HttpRoutes {
  /** GET /health body. */
  health(): unknown;
  /** POST /sim/:device/:action (simulated devices only); resolves to the device status, or rejects. */
  simControl?(device: DeviceId, action: SimAction, param?: string): Promise<unknown>;
}

export interface ApiServerOptions {
  host: string;
  port: number;
  uiDir: string;
  policy: GuardPolicy;
  router: CommandRouter;
  routes: HttpRoutes;
  log: Logger;
  /** In dev mode the UI is served by Vite; the daemon only answers API and health. */
  serveUi?: boolean;
  /**
   * What the session held must not outlive the page that used it: called when
   * a connection that used the resident's session (card, submissions, records)
   * closes, and when a new connection starts using the session while another
   * one still holds it (a new page), before its first such command runs.
   */
  onSessionBoundary?(why: 'uiDisconnected' | 'newUiConnection'): void;
  /** Any command from a UI (the idle deadline restarts). */
  onActivity?(): void;
}

/** Commands that put a resident's data into the session (the name is matched before the router parses the message). */
const SESSION_COMMANDS = /"name"\s*:\s*"(card\.read|submission\.submit|records\.(query|print)|receipt\.print|case\.progress|precheck\.(evaluate|print))"/;

/**
 * The daemon's only listener: static UI (with the per-boot token embedded),
 * /health, simulator controls, and the WebSocket API at /api.
 */
export class ApiServer {
  readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<Socket>();
  private nextConnId = 1;
  /** The connection whose page the resident's session belongs to (the last one that used it). */
  private sessionOwner: WebSocket | undefined;
  private readonly serveUi: boolean;

  constructor(private readonly opts: ApiServerOptions) {
    this.serveUi = opts.serveUi ?? true;
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.http.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_MESSAGE_BYTES,
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
    const text = JSON.stringify(event);
    for (const ws of this.wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  get clientCount(): number {
    return this.wss.clients.size;
  }

  async close(): Promise<void> {
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
      this.opts.log.warn({ peer: req.socket.remoteAddress, origin: req.headers.origin, reason: refusal.reason }, 'API connection refused');
      socket.end(`HTTP/1.1 ${refusal.status} Refused\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${refusal.reason}\n`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  private onConnection(ws: WebSocket): void {
    const conn = { connId: this.nextConnId++ };
    this.opts.log.info({ connId: conn.connId }, 'UI connected');
    ws.on('message', (data, isBinary) => {
      this.opts.onActivity?.();
      if (isBinary) {
        ws.send(JSON.stringify({ kind: 'completion', id: null, ok: false, error: { code: 'badMessage', message: 'binary frames are not part of the API' } }));
        return;
      }
      const text = data.toString('utf8');
      // Only a page that used the resident's session wipes it when it goes (not a technician's CLI connection).
      if (SESSION_COMMANDS.test(text)) {
        if (this.sessionOwner !== ws) {
          // A new page takes the session over: nothing of the previous one's stays (even if its socket lingers).
          if (this.sessionOwner) this.opts.onSessionBoundary?.('newUiConnection');
          this.sessionOwner = ws;
        }
      }
      void this.opts.router.dispatch(text, conn).then((completion) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(completion));
      });
    });
    ws.on('error', (err) => this.opts.log.warn({ connId: conn.connId, err: err.message }, 'UI socket error'));
    ws.on('close', () => {
      this.opts.log.info({ connId: conn.connId }, 'UI disconnected');
      // Only the page the session belongs to ends it by going (an older page that lingered does not wipe the new one's).
      if (this.sessionOwner === ws) {
        this.sessionOwner = undefined;
        this.opts.onSessionBoundary?.('uiDisconnected');
      }
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const refusal = checkHttp(req, this.opts.policy);
      if (refusal) return text(res, refusal.status, refusal.reason);
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/health' && req.method === 'GET') return json(res, 200, this.opts.routes.health());
      if (url.pathname.startsWith('/sim/')) return await this.onSim(req, res, url);
      if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'method not allowed');
      if (!this.serveUi) return text(res, 404, 'the UI is served by the dev server in this mode');
      if (url.pathname === '/' || url.pathname === '/index.html') return this.sendIndex(res);
      if (!(await serveStatic(this.opts.uiDir, req, res, url.pathname))) text(res, 404, 'not found');
    } catch (err) {
      this.opts.log.error({ err: (err as Error).message }, 'HTTP handler failed');
      if (!res.headersSent) text(res, 500, 'internal error');
    }
  }

  private async onSim(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') return text(res, 405, 'use POST');
    if (!this.opts.routes.simControl) return text(res, 404, 'simulator controls exist only when devices are simulated');
    // A cross-site form post cannot set this content type without a preflight we never answer.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return text(res, 415, 'send Content-Type: application/json');
    const origin = req.headers.origin;
    if (origin && !this.opts.policy.origins.has(origin)) return text(res, 403, 'origin not allowed');
    const [, , devicePart, actionPart] = url.pathname.split('/');
    const device = DeviceId.safeParse(devicePart);
    const action = SimAction.safeParse(actionPart);
    if (!device.success || !action.success) {
      return json(res, 404, { error: `unknown device or action; devices: ${DeviceId.options.join(', ')}; actions: ${SimAction.options.join(', ')}` });
    }
    const body = await readBody(req, 4096).catch(() => '');
    let param: string | undefined;
    try {
      const parsed = body ? (JSON.parse(body) as { param?: unknown }) : {};
      if (typeof parsed.param === 'string') param = parsed.param;
    } catch {
      return json(res, 400, { error: 'body must be JSON, e.g. {"param":"resident-valid"}' });
    }
    try {
      return json(res, 200, await this.opts.routes.simControl(device.data, action.data, param));
    } catch (err) {
      return json(res, 409, { error: (err as Error).message });
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

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body, null, 2));
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${body}\n`);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
