import WebSocket from 'ws';
import { API_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../contract/api';
import type { KioskConfig } from '../config/schema';

export type Completion = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string; detail?: unknown } };

interface ServerMessage {
  kind: string;
  id?: string | null;
  name?: string;
  ok?: boolean;
  result?: unknown;
  error?: { code: string; message: string; detail?: unknown };
  data?: unknown;
}

/** The running daemon's loopback address of this config (`--port` wins over server.port). */
export function daemonBase(cfg: KioskConfig, portOverride?: string): { host: string; port: string; base: string } {
  const host = cfg.server.host === '::1' ? '[::1]' : cfg.server.host;
  const port = portOverride ?? String(cfg.server.port);
  return { host, port, base: `http://${host}:${port}` };
}

/**
 * kioskctl's connection to the running daemon's API, as the page has it:
 * the per-boot token read from the page the daemon serves, the API
 * subprotocol, the page's origin. One command at a time is enough for the CLI.
 */
export class DaemonApi {
  private seq = 0;

  private constructor(
    private readonly ws: WebSocket,
    readonly base: string,
  ) {}

  /** Connected, or why not (no daemon answers, no token served). */
  static async connect(cfg: KioskConfig, portOverride?: string): Promise<DaemonApi | { error: string }> {
    const { host, port, base } = daemonBase(cfg, portOverride);
    let html: string;
    try {
      html = await (await fetch(`${base}/`)).text();
    } catch (err) {
      const e = err as Error;
      return { error: `no daemon answers on ${host}:${port} (${e.cause instanceof Error ? e.cause.message : e.message}); start it with npm start` };
    }
    const token = /<meta name="kiosk-token" content="([^"]+)">/.exec(html)?.[1];
    if (!token) return { error: `the daemon at ${base} served no API token (is the UI built?)` };
    const ws = new WebSocket(`ws://${host}:${port}/api`, [API_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`], { origin: base });
    try {
      await new Promise<void>((res, rej) => {
        ws.once('open', () => res());
        ws.once('error', rej);
      });
    } catch (err) {
      return { error: `the daemon at ${base} refused the API connection: ${(err as Error).message}` };
    }
    return new DaemonApi(ws, base);
  }

  call(name: string, args: unknown = {}): Promise<Completion> {
    const id = `kioskctl-${++this.seq}`;
    return new Promise((res) => {
      const onMessage = (raw: WebSocket.RawData) => {
        const msg = JSON.parse(raw.toString()) as ServerMessage;
        if (msg.kind !== 'completion' || msg.id !== id) return;
        this.ws.off('message', onMessage);
        this.ws.off('close', onClose);
        res(msg.ok ? { ok: true, result: msg.result } : { ok: false, error: msg.error ?? { code: 'internal', message: `${name} failed` } });
      };
      const onClose = () => res({ ok: false, error: { code: 'unavailable', message: `the daemon closed the connection before answering ${name}` } });
      this.ws.on('message', onMessage);
      this.ws.once('close', onClose);
      this.ws.send(JSON.stringify({ kind: 'command', id, name, args }));
    });
  }

  /** Every event `name` until the returned function is called. */
  on(name: string, fn: (data: unknown) => void): () => void {
    const onMessage = (raw: WebSocket.RawData) => {
      const msg = JSON.parse(raw.toString()) as ServerMessage;
      if (msg.kind === 'event' && msg.name === name) fn(msg.data);
    };
    this.ws.on('message', onMessage);
    return () => void this.ws.off('message', onMessage);
  }

  /** Called once when the daemon closes the connection (it stopped). */
  onClose(fn: () => void): void {
    this.ws.once('close', fn);
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.ws.close();
  }
}
