import { EventEmitter } from 'node:events';
import type { PageStatus } from '../contract/api/system';
import type { CounterName } from '../contract/api/counters';
import type { SubmissionKind } from '../contract/api/submission';

/**
 * In-daemon events between capabilities (not sent to the UI): devices report
 * counters and audit entries; the store persists them. Payloads carry masked
 * data only.
 */
export interface InternalEvents {
  /** Daily counter increment: sessions, cardReads, prints, paperMm, errors … */
  counter: [name: CounterName, amount: number];
  /** Audit entry (already masked). */
  audit: [entry: { action: string; detail?: Record<string, unknown> }];
  /** A submission was committed to the outbox: the sync worker delivers it. */
  submissionStored: [kind: SubmissionKind];
  /** Someone (a technician, the fleet platform) asks for every pending submission to be tried again now. */
  outboxRetry: [];
  /** The kiosk page went (no heartbeat for 30 s) or came back: for the fleet link. */
  pageStatus: [status: PageStatus];
}

export class Bus {
  private readonly ee = new EventEmitter();
  emit<K extends keyof InternalEvents>(name: K, ...args: InternalEvents[K]): void {
    this.ee.emit(name, ...args);
  }
  on<K extends keyof InternalEvents>(name: K, fn: (...args: InternalEvents[K]) => void): () => void {
    this.ee.on(name, fn as (...a: unknown[]) => void);
    return () => this.ee.off(name, fn as (...a: unknown[]) => void);
  }
}
