import type { z } from 'zod';
import {
  API_PROTOCOL,
  TOKEN_PROTOCOL_PREFIX,
  ServerMessage,
  commandDefs,
  eventDefs,
  isEventName,
  type CommandArgs,
  type CommandName,
  type CommandResult,
  type ErrorCode,
  type EventData,
  type EventName,
} from '../../../contract/api';
import { BUSY_RETRIES, busyWaitMs, isRead } from './busy-retry';

/** A failed command: the daemon's error code, or a client-side one (offline, timeout, badMessage). */
export class CommandError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The daemon's error detail (e.g. the jobId of a failed print, for its one reprint). */
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

export type ConnectionState = 'connecting' | 'open' | 'down';

/** What a journey needs of the daemon: commands and events (tests give a fake). */
export type DaemonLink = Pick<DaemonClient, 'call' | 'on'>;

interface Pending {
  name: CommandName;
  resolve: (v: unknown) => void;
  reject: (e: CommandError) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface ClientOptions {
  url: string;
  token: string;
  /** Backoff for reconnects: first, max (ms). */
  backoff?: { firstMs: number; maxMs: number };
  WebSocketImpl?: typeof WebSocket;
}

/**
 * The UI's only way to the daemon. Typed by the shared contract, validating
 * every completion and event it receives; reconnects with backoff and tells
 * listeners when the daemon is away so the UI can show "service unavailable".
 */
export class DaemonClient {
  private ws: WebSocket | undefined;
  private seq = 0;
  private readonly pending = new Map<string, Pending>();
  private readonly eventListeners = new Map<string, Set<(data: unknown) => void>>();
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private stateValue: ConnectionState = 'connecting';
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly opts: ClientOptions) {}

  get state(): ConnectionState {
    return this.stateValue;
  }

  connect(): void {
    this.closed = false;
    this.open();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.ws?.close();
  }

  onState(fn: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(fn);
    return () => this.stateListeners.delete(fn);
  }

  on<N extends EventName>(name: N, fn: (data: EventData<N>) => void): () => void {
    const set = this.eventListeners.get(name) ?? new Set();
    this.eventListeners.set(name, set);
    set.add(fn as (d: unknown) => void);
    return () => set.delete(fn as (d: unknown) => void);
  }

  /**
   * Sends a command. A read the daemon refused as too many (it did not run) is
   * sent again after the wait it names, up to BUSY_RETRIES times; any other
   * refusal, and a refused action, is the caller's to show (busy-retry.ts).
   */
  async call<N extends CommandName>(name: N, args: CommandArgs<N>, opts: { timeoutMs?: number } = {}): Promise<CommandResult<N>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.send(name, args, opts);
      } catch (err) {
        if (!(err instanceof CommandError) || err.code !== 'tooManyRequests' || !isRead(name) || attempt >= BUSY_RETRIES) throw err;
        await new Promise((r) => setTimeout(r, busyWaitMs(err.detail)));
      }
    }
  }

  private send<N extends CommandName>(name: N, args: CommandArgs<N>, opts: { timeoutMs?: number }): Promise<CommandResult<N>> {
    const def = commandDefs[name] as { args: z.ZodType };
    const checked = def.args.safeParse(args);
    if (!checked.success) return Promise.reject(new CommandError('invalidArgs', `invalid arguments for ${name}`));
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new CommandError('offline', 'the terminal service is not connected'));
    const id = `c-${++this.seq}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CommandError('timeout', `${name} did not complete in time`));
      }, opts.timeoutMs ?? 15_000);
      this.pending.set(id, { name, resolve: resolve as (v: unknown) => void, reject, timer });
      ws.send(JSON.stringify({ kind: 'command', id, name, args: checked.data }));
    });
  }

  private setState(s: ConnectionState): void {
    if (s === this.stateValue) return;
    this.stateValue = s;
    for (const fn of this.stateListeners) fn(s);
  }

  private open(): void {
    const Impl = this.opts.WebSocketImpl ?? WebSocket;
    let ws: WebSocket;
    try {
      ws = new Impl(this.opts.url, [API_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${this.opts.token}`]);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.setState('open');
    };
    ws.onmessage = (e) => this.onMessage(String(e.data));
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new CommandError('offline', 'connection to the terminal service was lost'));
        this.pending.delete(id);
      }
      this.setState('down');
      if (!this.closed) this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    const { firstMs, maxMs } = this.opts.backoff ?? { firstMs: 500, maxMs: 10_000 };
    const delay = Math.min(maxMs, firstMs * 2 ** this.attempt++);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private onMessage(text: string): void {
    let parsed: ServerMessage;
    try {
      const r = ServerMessage.safeParse(JSON.parse(text));
      if (!r.success) return console.warn('daemon sent a message outside the contract');
      parsed = r.data;
    } catch {
      return console.warn('daemon sent invalid JSON');
    }
    if (parsed.kind === 'event') {
      if (!isEventName(parsed.name)) return;
      const data = (eventDefs[parsed.name] as { data: z.ZodType }).data.safeParse(parsed.data);
      if (!data.success) return console.warn(`event ${parsed.name} does not match the contract`);
      for (const fn of this.eventListeners.get(parsed.name) ?? []) fn(data.data);
      return;
    }
    const p = parsed.id ? this.pending.get(parsed.id) : undefined;
    if (!p || !parsed.id) return;
    this.pending.delete(parsed.id);
    clearTimeout(p.timer);
    if (!parsed.ok) return p.reject(new CommandError(parsed.error.code, parsed.error.message, parsed.error.detail));
    const result = (commandDefs[p.name] as { result: z.ZodType }).result.safeParse(parsed.result);
    if (!result.success) return p.reject(new CommandError('badMessage', `${p.name} result does not match the contract`));
    p.resolve(result.data);
  }
}

/** The token the daemon put in the page it served (absent: the page was not served by the daemon). */
export function pageToken(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[name="kiosk-token"]')?.content || undefined;
}

export function apiUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`;
}
