import type { Bus } from '../../bus';
import type { StoreService } from '../../store/store-service';

/** The audit action of a receipt copy's steps. */
const RECEIPT_COPY = 'receipt.copy';

type Step = { state: 'queued' } | { state: 'printed' } | { state: 'failed'; outcome: 'incomplete' | 'unknown' };
type Entry = Step & { caseNo: string; jobId: string };

/**
 * The copies of each case's receipt, kept in the audit trail (the case number
 * and job ids only) so that they outlive the session and the daemon: a copy
 * is recorded as queued before any byte goes out, then as printed or failed.
 * The first copy that came out — or may have: printed, failed after every
 * byte reached the printer without the printer saying it stopped, or queued
 * and never finished because the daemon stopped mid-print — is the original;
 * every later copy is printed as its 补打. A copy that surely did not come out
 * whole (refused before printing, paper out, cover open) leaves no original.
 */
export class ReceiptCopies {
  constructor(private readonly deps: { bus: Bus; store: StoreService }) {}

  /** The job a new copy of this case's receipt is the 补打 of; undefined: the next copy is the original. */
  originalOf(caseNo: string): string | undefined {
    const newestFirst = this.deps.store.run((o) => o.store.audit.aboutCase(RECEIPT_COPY, caseNo)).map((e) => e.detail as Entry);
    const ends = new Map(newestFirst.filter((e) => e.state !== 'queued').map((e) => [e.jobId, e]));
    const cameOut = (jobId: string) => {
      const end = ends.get(jobId);
      return !end || end.state === 'printed' || (end.state === 'failed' && end.outcome === 'unknown');
    };
    return newestFirst.findLast((e) => e.state === 'queued' && cameOut(e.jobId))?.jobId;
  }

  record(caseNo: string, jobId: string, step: Step): void {
    this.deps.bus.emit('audit', { action: RECEIPT_COPY, detail: { caseNo, jobId, ...step } });
  }
}
