import type { CommandName } from '../../../contract/api';

// The daemon answers tooManyRequests (with detail.retryAfterMs) when a page
// sends faster than its connection's limits allow; the command did not run.
// Commands that only read are sent again after the wait the daemon names;
// anything that acts (submits, prints, arms a device, ends a session) is
// handed back to the screen, which says so plainly: a resident's tap should
// not turn into a delayed second action nobody sees coming.

const READS: ReadonlySet<CommandName> = new Set<CommandName>([
  'catalog.get',
  'catalog.item',
  'catalog.notice',
  'catalog.diagnostics',
  'case.progress',
  'records.query',
  'precheck.evaluate',
  'printer.lastJobs',
  'outbox.status',
  'system.status',
  'system.ping',
]);

/** Resends of one read before its refusal is handed back. */
export const BUSY_RETRIES = 3;
/** The wait when the daemon names none (its in-flight cap: wait for a running command to finish). */
const DEFAULT_WAIT_MS = 250;
/** A wait the daemon names is capped so a page never stalls on a bad value. */
const MAX_WAIT_MS = 5_000;

export const isRead = (name: CommandName): boolean => READS.has(name);

/** How long to wait before resending, from the refusal's detail. */
export function busyWaitMs(detail: unknown): number {
  const named = detail && typeof detail === 'object' ? (detail as { retryAfterMs?: unknown }).retryAfterMs : undefined;
  const ms = typeof named === 'number' && Number.isFinite(named) && named > 0 ? named : DEFAULT_WAIT_MS;
  return Math.min(MAX_WAIT_MS, ms);
}
