import type { ConsentPurpose, ConsentRecord } from '../../contract/api/consent';

/** What capabilities ask of the session's consents (a service on the context). */
export interface ConsentHolder {
  record(r: ConsentRecord): void;
  has(purpose: ConsentPurpose): boolean;
  /** The session ended, or another card was read: the consents go with the data they were given for. */
  wipe(): string[];
}

/**
 * The consents the resident gave in this session, by purpose: what they were
 * for, which text they read and when. Nothing personal is kept (the card
 * record is the reader's); the session wipe and a new card read drop them.
 */
export class SessionConsent implements ConsentHolder {
  private readonly given = new Map<ConsentPurpose, ConsentRecord>();

  record(r: ConsentRecord): void {
    this.given.set(r.purpose, r);
  }

  has(purpose: ConsentPurpose): boolean {
    return this.given.has(purpose);
  }

  wipe(): string[] {
    const n = this.given.size;
    this.given.clear();
    return n ? [`consent(${n})`] : [];
  }
}
