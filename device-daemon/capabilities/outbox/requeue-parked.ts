import type { SubmissionStore } from '../../store/submissions';

/** Which parked submissions a technician puts back: one case, or every parked one. */
export type RequeueWhich = { caseNo: string } | { allParked: true };

/** Who re-queued, as the audit trail names it (a staff decision names the staff number). */
const TECHNICIAN_BY = { staffNo: 'technician (kioskctl)' };

/**
 * Parked submissions (refused for good, or waiting for staff) back in the
 * queue, due at once, each in its own audited transaction, oldest first: the
 * case numbers moved. The same for the daemon's outbox.requeue and for
 * kioskctl on the store file when no daemon runs.
 */
export function requeueParked(subs: SubmissionStore, which: RequeueWhich, now: number): string[] {
  const cases = 'caseNo' in which ? [which.caseNo] : parkedOldestFirst(subs);
  return cases.filter((c) => subs.requeue(c, TECHNICIAN_BY, now));
}

function parkedOldestFirst(subs: SubmissionStore): string[] {
  const { parked } = subs.status();
  return [...subs.recent(parked.rejected, 'rejected'), ...subs.recent(parked.needsStaff, 'needsStaff')].sort((a, b) => a.id - b.id).map((s) => s.caseNo);
}
