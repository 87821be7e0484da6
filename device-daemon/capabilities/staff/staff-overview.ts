import type { DeviceStatus } from '../../../contract/api';
import { chinaIso } from '../../../contract/domain/china-time';
import { maskText } from '../../../contract/domain/mask-deep';
import type { CatalogStore } from '../../catalog/catalog-store';
import type { EmbeddedPlatform } from '../../platform/embedded-platform';
import type { OpenStore } from '../../store/store-service';
import type { Submission } from '../../store/submissions';

type Data = Record<string, unknown>;
const dataOf = (s: Submission): Data => ((s.payload as { data?: Data } | null)?.data ?? {}) as Data;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** What the staff view lists: nothing unmasked (a complaint's phone is only said to be there; it is revealed on request). */
export function submissionsOf(today: Submission[]) {
  return today.map((s) => ({
    caseNo: s.caseNo,
    kind: s.kind,
    itemCode: s.itemCode,
    acceptedAt: chinaIso(s.acceptedAt),
    state: s.state,
    applicant: s.applicantMasked,
    parkedReason: s.state === 'rejected' || s.state === 'needsStaff' ? s.lastError : null,
  }));
}

export type CallState = {
  acknowledged: { staffNo: string; at: string } | null;
  done: { staffNo: string; at: string } | null;
  /** The resident cancelled the call on the terminal (nobody need come). */
  cancelled: { at: string } | null;
};

export function callsOf(today: Submission[], stateOf: (caseNo: string) => CallState) {
  return today
    .filter((s) => s.kind === 'callStaff')
    .map((s) => ({ caseNo: s.caseNo, at: chinaIso(s.acceptedAt), reason: str(dataOf(s).reason) ?? 'other', note: str(dataOf(s).note) ?? null, ...stateOf(s.caseNo) }));
}

export function complaintsOf(today: Submission[]) {
  return today
    .filter((s) => s.kind === 'complaint')
    .map((s) => {
      const d = dataOf(s);
      return {
        caseNo: s.caseNo,
        at: chinaIso(s.acceptedAt),
        category: str(d.category) ?? null,
        text: maskText(str(d.text) ?? ''),
        hasCallbackPhone: typeof d.callbackPhone === 'string',
        answerBy: s.promisedDate,
        provisional: s.provisional,
      };
    });
}

/** Bad ratings (不满意, 非常不满意) first, the earliest follow-up due date first among them. */
export function evaluationsOf(today: Submission[]) {
  const rows = today
    .filter((s) => s.kind === 'evaluation')
    .map((s) => {
      const d = dataOf(s);
      const satisfaction = str(d.satisfaction) ?? '';
      return {
        caseNo: s.caseNo,
        at: chinaIso(s.acceptedAt),
        satisfaction,
        label: str(d.satisfactionLabel) ?? '',
        bad: satisfaction === 'dissatisfied' || satisfaction === 'veryDissatisfied',
        indicators: Array.isArray(d.indicators) ? (d.indicators as string[]) : [],
        relatedCaseNo: str(d.relatedCaseNo) ?? null,
        followUpDue: str(d.followUpDue) ?? null,
      };
    });
  // Dates compare by code units (no ICU collator: it holds MB of tables once loaded); no date sorts last.
  const due = (r: { followUpDue: string | null }) => r.followUpDue ?? '9';
  return rows.sort((a, b) => Number(b.bad) - Number(a.bad) || (due(a) < due(b) ? -1 : due(a) > due(b) ? 1 : 0));
}

/** Device states that need someone, as codes the page words (and says what to do). */
export function alertsOf(statuses: DeviceStatus[]) {
  const out: Array<{ device: string; code: 'paperOut' | 'paperLow' | 'coverOpen' | 'offline'; since: string; reason: string | null }> = [];
  for (const s of statuses) {
    const add = (code: (typeof out)[number]['code']) => out.push({ device: s.device, code, since: s.since, reason: s.reason ?? null });
    if (s.detail.paper === 'out') add('paperOut');
    else if (s.detail.paper === 'low') add('paperLow');
    if (s.detail.cover === 'open') add('coverOpen');
    if (s.state === 'offline' || s.state === 'noDevice' || s.state === 'hardwareError') add('offline');
  }
  return out;
}

/** Applications received at this terminal (embedded platform) with their timeline and the department they belong to. */
export async function casesOf(o: OpenStore, catalog: CatalogStore, from: number) {
  if (o.platform.mode !== 'embedded') return [];
  const platform = o.platform as EmbeddedPlatform;
  const out = [];
  for (const c of platform.receivedSince(from).filter((r) => r.kind === 'application')) {
    const p = await platform.progress(c.caseNo);
    if (!p) continue;
    out.push({ caseNo: c.caseNo, itemCode: c.itemCode, department: departmentOf(catalog, c.itemCode), status: p.status, events: p.events, promisedDate: p.promisedDate });
  }
  return out;
}

export function departmentOf(catalog: CatalogStore, itemCode: string | null): string {
  return (itemCode && catalog.item(itemCode)?.department.zh) || '本中心';
}
