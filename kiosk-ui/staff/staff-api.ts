// The staff page's calls to /staff/api: the session is the HttpOnly cookie,
// every state change carries the CSRF token the sign-in (and the overview) gave.

let csrf = '';

export type Overview = Record<string, any> & { csrf: string };

export async function signIn(staffNo: string, pin: string): Promise<{ ok: true } | { ok: false; status: number; body: Record<string, any> }> {
  const r = await fetch('/staff/api/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ staffNo, pin }) });
  const body = (await r.json().catch(() => ({}))) as Record<string, any>;
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

export async function post(path: string, body: unknown = {}): Promise<Record<string, any>> {
  const r = await fetch(`/staff/api/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body) });
  const out = (await r.json().catch(() => ({}))) as Record<string, any>;
  if (!r.ok) throw new Error(String(out.error ?? `HTTP ${r.status}`));
  return out;
}
