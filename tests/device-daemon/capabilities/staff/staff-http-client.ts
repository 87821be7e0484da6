import { hashStaffCard } from '../../../../device-daemon/auth/staff-card';
import { hashPin } from '../../../../device-daemon/config/pin-hash';
import { PEOPLE } from '../harness';

/** S001's own ID card: the simulator's synthetic card of this id. */
export const STAFF_CARD = 'resident-young';

/** Two synthetic staff accounts (PINs in the clear only here, in the test). */
export const STAFF_PIN = '135790';
export const SUPERVISOR_PIN = '246801';
export const staffConfig = (extra: Record<string, unknown> = {}) => ({
  staff: {
    accounts: [
      { staffNo: 'S001', name: '测试员甲', role: 'staff', pinHash: hashPin(STAFF_PIN), cardHash: hashStaffCard(PEOPLE.find((p) => p.id === STAFF_CARD)!.idNumber) },
      { staffNo: 'S900', name: '测试主管', role: 'supervisor', pinHash: hashPin(SUPERVISOR_PIN) },
      { staffNo: 'A010', name: '代办员乙', role: 'assistant', pinHash: hashPin(STAFF_PIN) },
    ],
    ...extra,
  },
});

/** A staff browser as the daemon sees it: its cookie, its CSRF token, its Origin. */
export class StaffClient {
  cookie = '';
  csrf = '';
  constructor(
    readonly base: string,
    readonly origin: string,
  ) {}

  signIn(staffNo: string, pin: string): Promise<Response> {
    return this.signInWith({ staffNo, pin });
  }

  /** By the staff card on the terminal's reader. */
  signInByCard(): Promise<Response> {
    return this.signInWith({ method: 'card', timeoutMs: 5000 });
  }

  private async signInWith(body: unknown): Promise<Response> {
    const r = await fetch(`${this.base}/staff/api/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', origin: this.origin }, body: JSON.stringify(body) });
    if (r.ok) {
      this.cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
      this.csrf = ((await r.clone().json()) as { csrf: string }).csrf;
    }
    return r;
  }

  get(path: string): Promise<Response> {
    return fetch(`${this.base}/staff/api/${path}`, { headers: { cookie: this.cookie } });
  }

  post(path: string, body: unknown = {}, opts: { csrf?: string; origin?: string } = {}): Promise<Response> {
    return fetch(`${this.base}/staff/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie, origin: opts.origin ?? this.origin, 'x-csrf-token': opts.csrf ?? this.csrf },
      body: JSON.stringify(body),
    });
  }
}
