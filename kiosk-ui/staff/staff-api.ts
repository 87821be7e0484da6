// The staff page's calls to /staff/api: the session is the HttpOnly cookie,
// every state change carries the CSRF token the sign-in (and the overview) gave.

let csrf = '';

/** What the staff API answers (device-daemon/capabilities/staff/staff-overview.ts). */
type Stamp = { staffNo: string; at: string } | null;
interface CallRow {
  caseNo: string;
  at: string;
  reason: string;
  note: string | null;
  acknowledged: Stamp;
  done: Stamp;
  cancelled: { at: string } | null;
}
interface SubmissionRow {
  caseNo: string;
  kind: string;
  acceptedAt: string;
  state: string;
  applicant: string | null;
  parkedReason: string | null;
}
export interface ComplaintRow {
  caseNo: string;
  at: string;
  text: string;
  hasCallbackPhone: boolean;
  answerBy: string | null;
}
interface EvaluationRow {
  caseNo: string;
  at: string;
  label: string;
  bad: boolean;
  followUpDue: string | null;
}
interface AlertRow {
  device: string;
  code: string;
}
export interface CaseRow {
  caseNo: string;
  department: string;
  status: string;
  events: Array<{ status: string; at: string; note?: string }>;
}
export interface Overview {
  csrf: string;
  member: { staffNo: string; name: string; role: string };
  allowed: string[];
  platform: string;
  calls: CallRow[];
  submissions: SubmissionRow[];
  complaints: ComplaintRow[];
  evaluations: EvaluationRow[];
  alerts: AlertRow[];
  cases: CaseRow[];
}
type Answer = Record<string, unknown> & { error?: string };

type SignInAnswer = { ok: true } | { ok: false; status: number; body: Answer & { lockedUntil?: string; remaining?: number } };

/** By staff number and PIN, or (`card`) by the staff member's own card on the terminal's reader. */
export async function signIn(how: { staffNo: string; pin: string } | { method: 'card' }): Promise<SignInAnswer> {
  const r = await fetch('/staff/api/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(how) });
  const body = (await r.json().catch(() => ({}))) as Answer & { csrf?: string };
  if (!r.ok) return { ok: false, status: r.status, body };
  csrf = String(body.csrf);
  return { ok: true };
}

/** undefined: not signed in (or the session ended). */
export async function overview(): Promise<Overview | undefined> {
  const r = await fetch('/staff/api/overview');
  if (r.status === 401) return undefined;
  if (!r.ok) throw new Error(((await r.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${r.status}`);
  const o = (await r.json()) as Overview;
  csrf = o.csrf;
  return o;
}

export async function post(path: string, body: unknown = {}): Promise<Answer> {
  const r = await fetch(`/staff/api/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body) });
  const out = (await r.json().catch(() => ({}))) as Answer;
  if (!r.ok) throw new Error(String(out.error ?? `HTTP ${r.status}`));
  return out;
}
