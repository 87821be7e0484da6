import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { StaffMember } from '../../auth/staff-auth';

export interface StaffSession {
  id: string;
  member: StaffMember;
  /** Sent back by the page in X-CSRF-Token on every state change: bound to this session. */
  csrf: string;
  lastUsed: number;
}

/**
 * Signed-in staff, in memory only: a restart of the daemon signs everyone
 * out. A session lasts `idleMs` without use; the id goes to the browser only
 * as an HttpOnly, SameSite=Strict cookie, the CSRF token only in the answer
 * of the sign-in (and of the overview), never in a cookie.
 */
export class StaffSessions {
  private readonly byId = new Map<string, StaffSession>();

  constructor(
    private readonly idleMs: () => number,
    private readonly now: () => number,
  ) {}

  open(member: StaffMember): StaffSession {
    const s: StaffSession = { id: randomBytes(32).toString('base64url'), member, csrf: randomBytes(32).toString('base64url'), lastUsed: this.now() };
    this.byId.set(s.id, s);
    return s;
  }

  /** The session of this id if it is still alive (its use keeps it alive). */
  find(id: string | undefined): StaffSession | undefined {
    if (!id) return undefined;
    const s = this.byId.get(id);
    if (!s) return undefined;
    const t = this.now();
    if (t - s.lastUsed > this.idleMs()) {
      this.byId.delete(id);
      return undefined;
    }
    s.lastUsed = t;
    return s;
  }

  csrfMatches(s: StaffSession, given: string | undefined): boolean {
    const a = Buffer.from(given ?? '');
    const b = Buffer.from(s.csrf);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  close(id: string): void {
    this.byId.delete(id);
  }

  /** Sign out whoever is no longer in the config (an account removed while signed in). */
  retain(known: (staffNo: string) => boolean): void {
    for (const [id, s] of this.byId) if (!known(s.member.staffNo)) this.byId.delete(id);
  }
}
