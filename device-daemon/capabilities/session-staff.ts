import type { StaffMember } from '../auth/staff-auth';

/**
 * The staff member signed in on the terminal's own screen for the resident
 * session under way, with what they switched on (guided mode, assisted
 * handling). It belongs to the session: the session wipe drops it, so an
 * assistant's sign-in never carries over to the next resident or lets them
 * see anything of the last one.
 */
export class SessionStaff {
  private signedIn: StaffMember | undefined;
  private guide = false;
  private assisting = false;

  member(): StaffMember | undefined {
    return this.signedIn;
  }

  guided(): boolean {
    return this.guide;
  }

  /** The assistant handling this session's journey for the resident (帮办代办); undefined when nobody is. */
  assistant(): StaffMember | undefined {
    return this.assisting ? this.signedIn : undefined;
  }

  signIn(m: StaffMember): void {
    // Another staff member signing in starts over: nothing the first one switched on is theirs.
    if (this.signedIn?.staffNo !== m.staffNo) this.wipe();
    this.signedIn = m;
  }

  set(change: { guided?: boolean; assisting?: boolean }): void {
    if (change.guided !== undefined) this.guide = change.guided;
    if (change.assisting !== undefined) this.assisting = change.assisting && this.signedIn?.role === 'assistant';
  }

  wipe(): string[] {
    const had = this.signedIn !== undefined;
    this.signedIn = undefined;
    this.guide = false;
    this.assisting = false;
    return had ? ['staffOnTerminal'] : [];
  }
}
