import type WebSocket from 'ws';
import { call, nextEvent, type SpawnedDaemon } from '../../tests/helpers/daemon';
import type { PrintedPage } from './ledger';

/** What the soak keeps of every submission it sent: the daemon's answer, or that none came. */
export interface SentSubmission {
  key: string;
  kind: string;
  caseNo?: string;
  duplicate?: boolean;
}

/**
 * One kiosk page's connection to the daemon as the soak drives it: commands
 * as the UI sends them (a failed one throws with its error code), the
 * simulators' controls, and a record of every submission sent and every
 * page printed, for the invariants at the end.
 */
export class Lane {
  readonly submissions: SentSubmission[] = [];
  /** Pages printed since the last takePages(), as the printer emulator rendered them. */
  private pages: PrintedPage[] = [];
  private ws: WebSocket | undefined;

  constructor(private readonly daemon: SpawnedDaemon) {}

  async open(): Promise<void> {
    this.ws = await this.daemon.connect();
  }

  /** The page reloads: a new connection (the old one closes, as a reloaded page's does). */
  async reopen(): Promise<void> {
    const old = this.ws;
    if (old) {
      const closed = new Promise((r) => old.once('close', r));
      old.close();
      await closed;
    }
    await this.open();
  }

  close(): void {
    this.ws?.close();
  }

  /** The page's socket (for listeners of its own). */
  socket(): WebSocket {
    if (!this.ws) throw new Error('lane not open');
    return this.ws;
  }

  /** A command as the UI sends it; resolves with its result, throws `code: message` when refused. */
  async cmd<T = unknown>(name: string, args: unknown = {}): Promise<T> {
    const c = await call(this.socket(), name, args);
    if (!c.ok) throw Object.assign(new Error(`${name}: ${c.error?.code}: ${c.error?.message}`), { code: c.error?.code as string });
    return c.result as T;
  }

  /**
   * A print command, then the page as it came out of the printer emulator
   * (read at once: the session's end wipes the emulator's rendered pages).
   */
  async print(name: string, args: unknown): Promise<void> {
    await this.cmd(name, args);
    await this.capturePrinted();
  }

  /** Keep the page the printer rendered last (printer.lastJobs, simulated printer only). */
  async capturePrinted(): Promise<void> {
    const { jobs } = await this.cmd<{ jobs: PrintedPage[] }>('printer.lastJobs', { limit: 1 });
    this.pages.push(...jobs);
  }

  /** The pages captured since the last call. */
  takePages(): PrintedPage[] {
    const out = this.pages;
    this.pages = [];
    return out;
  }

  /** submission.submit, remembered for the lost/duplicate check. */
  submit(args: { kind: string; idempotencyKey: string } & Record<string, unknown>): Promise<{ caseNo: string; duplicate: boolean }> {
    return this.ledgered(args.kind, args.idempotencyKey, 'submission.submit', args);
  }

  /** evaluation.rate (the one rating of a service event, stored as an outbox submission), remembered the same way. */
  rate(args: { idempotencyKey: string; eventKey: string; channel: string; level: number; reasons: string[] }): Promise<{ caseNo: string; duplicate: boolean }> {
    return this.ledgered('evaluation', args.idempotencyKey, 'evaluation.rate', args);
  }

  private async ledgered(kind: string, key: string, command: string, args: unknown): Promise<{ caseNo: string; duplicate: boolean }> {
    const sent: SentSubmission = { key, kind };
    this.submissions.push(sent);
    const r = await this.cmd<{ caseNo: string; duplicate: boolean }>(command, args);
    sent.caseNo = r.caseNo;
    sent.duplicate = r.duplicate;
    return r;
  }

  sim(device: string, action: string, param?: string): Promise<unknown> {
    return this.cmd('sim.control', param === undefined ? { device, action } : { device, action, param });
  }

  /** Wait for an event, subscribed before `cause` runs so it cannot be missed. */
  async eventAfter(name: string, cause: () => Promise<unknown>, timeoutMs = 10_000): Promise<void> {
    const seen = nextEvent(this.socket(), (e) => e.name === name, timeoutMs);
    seen.catch(() => undefined); // awaited below; a cause that throws must not leave it unhandled
    await cause();
    await seen;
  }
}
