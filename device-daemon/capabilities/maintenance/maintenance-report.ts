import { chinaDate, chinaIso } from '../../../contract/domain/china-time';
import type { CapabilityContext } from '../../capability';
import { logsTail } from '../fleet/logs-tail';
import { paperLeft } from '../printer/paper-estimate';

/** Failure counters and the device they belong to (the names the card and printer capabilities count under). */
const FAILURE_COUNTERS: Readonly<Record<string, string>> = { cardReadFailures: 'idCardReader', printFailures: 'printer' };
const LOG_LINES = 200;

type Counts = Record<string, number>;

function errorsByDevice(today: Counts, lifetime: Counts) {
  const out: Record<string, { today: number; lifetime: number }> = {};
  for (const [counter, device] of Object.entries(FAILURE_COUNTERS)) out[device] = { today: today[counter] ?? 0, lifetime: lifetime[counter] ?? 0 };
  return out;
}

/** The last log lines (masked again), or none when the daemon logs to the terminal only. */
function logLines(dir: string | undefined): string[] {
  if (!dir) return [];
  try {
    return logsTail(dir, LOG_LINES);
  } catch {
    return [];
  }
}

/**
 * The counters and logs page: the same store reads as `kioskctl counters`,
 * `outbox status`, `calendar check` and `printer paper`, and the fleet's masked log tail, from
 * the running daemon (the page cannot open the database file).
 */
export function maintenanceReport(ctx: CapabilityContext) {
  const { store, clock, calendar } = ctx.services;
  const now = clock.now();
  const day = chinaDate(now);
  const fromStore = store.run((o) => {
    const q = o.store.submissions;
    const parked = [...q.recent(100, 'rejected'), ...q.recent(100, 'needsStaff')];
    return { today: o.store.counters.read(day), lifetime: o.store.counters.lifetime(), status: q.status(), parked };
  });
  const cal = calendar.coverage(now);
  return {
    day,
    today: fromStore.today,
    lifetime: fromStore.lifetime,
    errorsByDevice: errorsByDevice(fromStore.today, fromStore.lifetime),
    outbox: {
      total: fromStore.status.total,
      depth: fromStore.status.depth,
      oldestAcceptedAt: fromStore.status.oldestAcceptedAt === null ? null : chinaIso(fromStore.status.oldestAcceptedAt),
      parked: fromStore.parked.map((s) => ({ caseNo: s.caseNo, kind: s.kind, state: s.state, acceptedAt: chinaIso(s.acceptedAt), lastError: s.lastError })),
    },
    calendar: { years: cal.years, warning: cal.warning ?? cal.loadError ?? null },
    paper: paperLeft(ctx),
    logs: logLines(ctx.config.logging.dir),
  };
}
