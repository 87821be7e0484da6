import type { Logger } from 'pino';
import { SUBMISSION_KINDS, type SubmissionKind } from '../../contract/api/submission';
import { type Clock, systemClock } from '../clock';
import type { Submission, SubmissionStore } from '../store/submissions';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { PlatformError, type OutboundSubmission, type Platform } from './types';
import type { WireSubmission } from './wire';

export interface SyncWorkerOptions {
  store: SubmissionStore;
  platform: Platform;
  terminalId: string;
  log: Logger;
  backoff: BackoffPolicy;
  /** Called after every attempt (the capability publishes outbox.status). */
  onChange: () => void;
  /** The daemon's time and timers: the lanes' waits (backoff, the idle look) run on it, so tests drive them. Default: the system clock. */
  clock?: Pick<Clock, 'now' | 'after'>;
}

/** What the outbox keeps for a submission: the wire body's applicant and data (see capabilities/submissions). */
export interface StoredPayload {
  applicant: WireSubmission['applicant'];
  data: WireSubmission['data'];
}

function toOutbound(s: Submission, terminalId: string, toIso: (ms: number) => string): OutboundSubmission {
  if (s.payload === null) throw new Error(`${s.caseNo} has no payload (purged) but is not delivered`);
  const p = s.payload as StoredPayload;
  return {
    idempotencyKey: s.idempotencyKey,
    applicantRef: s.applicantRef,
    body: {
      caseNo: s.caseNo,
      terminalId,
      kind: s.kind,
      channel: 5,
      itemCode: s.itemCode,
      acceptedAt: toIso(s.acceptedAt),
      promisedDate: s.promisedDate,
      provisional: s.provisional,
      applicant: p.applicant,
      data: p.data,
    },
  };
}

/**
 * Delivers the outbox: one lane per kind, each strictly in acceptance order
 * (the head is retried until the platform acknowledges it or it is parked), so
 * a stuck application never holds back an evaluation. State lives only in
 * the database: a restart resumes at each lane's head, and a resend after a
 * crash between the platform's commit and our ack carries the same
 * idempotency key. Nothing is deleted, ever; delivery marks the row.
 */
export class SyncWorker {
  private stopped = false;
  private readonly abort = new AbortController();
  private readonly lanes: Lane[];
  private running: Promise<void>[] = [];
  readonly clock: Pick<Clock, 'now' | 'after'>;

  constructor(
    readonly opts: SyncWorkerOptions,
    private readonly toIso: (ms: number) => string,
  ) {
    this.clock = opts.clock ?? systemClock;
    this.lanes = SUBMISSION_KINDS.map((k) => new Lane(k, this));
  }

  get isStopped(): boolean {
    return this.stopped;
  }
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  start(): void {
    this.running = this.lanes.map((l) => l.run());
  }

  /**
   * A new submission was committed, or a parked one re-queued: look again now.
   * A lane napping looks at its head at once (a head still in its backoff
   * naps again until its time); a lane in the middle of an attempt looks when
   * it ends, so a head is never sent twice at the same time.
   */
  kick(kind?: SubmissionKind): void {
    for (const l of this.lanes) if (!kind || l.kind === kind) l.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort(new Error('daemon stopping'));
    for (const l of this.lanes) l.wake();
    await Promise.all(this.running);
  }

  /** One delivery attempt of a lane's head. */
  async attempt(s: Submission): Promise<void> {
    const { store, platform, log } = this.opts;
    const t0 = this.clock.now();
    try {
      const ack = await platform.deliver(toOutbound(s, this.opts.terminalId, this.toIso), this.abort.signal);
      const at = this.clock.now();
      store.markDelivered(s, ack.platformRef, { at, durationMs: at - t0, ...(ack.duplicate ? { code: 'duplicate', message: 'the platform already had it' } : {}) });
      // The audit trail in the db records every delivery; the log needs only the ones that took retries or were already there.
      const routine = !ack.duplicate && s.attempts === 0;
      log[routine ? 'debug' : 'info']({ caseNo: s.caseNo, kind: s.kind, duplicate: ack.duplicate, attempts: s.attempts + 1 }, 'submission delivered');
    } catch (err) {
      if (this.stopped) return; // cut off by shutdown: not an attempt; the head is tried again after restart
      const pe = err instanceof PlatformError ? err : new PlatformError('retry', 'internal', (err as Error).message);
      const at = this.clock.now();
      const outcome = pe.disposition === 'retry' ? 'retry' : pe.disposition;
      const next = at + Math.max(backoffDelay(s.attempts + 1, this.opts.backoff), pe.retryAfterMs ?? 0);
      store.markFailed(s, { at, durationMs: at - t0, outcome, code: pe.code, message: pe.message }, next);
      const level = outcome === 'retry' ? 'warn' : 'error';
      log[level]({ caseNo: s.caseNo, kind: s.kind, code: pe.code, outcome, attempts: s.attempts + 1, nextInMs: outcome === 'retry' ? next - at : undefined }, `delivery failed: ${pe.message}`);
    } finally {
      this.opts.onChange();
    }
  }
}

/** An empty lane looks at the queue again this often, whatever woke it or not. */
const IDLE_LOOK_MS = 30_000;

class Lane {
  private wakeUp: (() => void) | undefined;

  constructor(
    readonly kind: SubmissionKind,
    private readonly w: SyncWorker,
  ) {}

  wake(): void {
    this.wakeUp?.();
  }

  async run(): Promise<void> {
    while (!this.w.isStopped) {
      try {
        const head = this.w.opts.store.head(this.kind);
        if (!head) {
          // Woken by a new submission; the bounded nap also sees rows changed on the file by another process (kioskctl outbox retry).
          await this.nap(IDLE_LOOK_MS);
          continue;
        }
        const wait = head.nextAttemptAt - this.w.clock.now();
        if (wait > 0) {
          await this.nap(wait);
          continue;
        }
        await this.w.attempt(head);
      } catch (err) {
        // The store itself failed (disk full, I/O error): nothing was lost; look again later.
        this.w.opts.log.error({ kind: this.kind, err: (err as Error).message }, 'outbox lane failed; retrying in 5 s');
        await this.nap(5000);
      }
    }
  }

  private nap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        cancel();
        this.wakeUp = undefined;
        resolve();
      };
      const cancel = this.w.clock.after(Math.min(ms, 2 ** 31 - 1), done);
      this.wakeUp = done;
    });
  }
}
