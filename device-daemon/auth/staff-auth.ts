import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { StaffRole } from '../../contract/api/staff';
import { verifyPinAsync } from '../config/pin-hash';
import type { StaffConfig } from '../config/schema';
import { AttemptLedger } from './attempt-ledger';
import { countRight, countWrong, lockedAt } from './lockout';
import { matchStaffCard } from './staff-card';

type Account = StaffConfig['accounts'][number];

export interface StaffMember {
  staffNo: string;
  name: string;
  role: StaffRole;
}

export type StaffAuthOutcome =
  | { ok: true; member: StaffMember }
  /** Wrong number or wrong PIN (not told apart: the answer does not say which staff numbers exist). */
  | { ok: false; code: 'invalid'; remaining: number; lockedUntil: number | null }
  | { ok: false; code: 'locked'; lockedUntil: number };

/** A hash no PIN matches, checked for an unknown staff number so that its answer takes as long as a known one's. */
const NOBODY = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
/** The ledger all unknown staff numbers share: guessing numbers locks itself, never a real account. */
const UNKNOWN = '_unknown';

/** Where staff PIN tries are kept: one file per staff number, beside the store. */
export function staffStateDir(storagePath: string): string {
  return join(dirname(storagePath), 'staff-auth');
}

/**
 * Staff sign-in by staff number and PIN, with the technician PIN's lockout
 * rules (5 wrong in a row, then 1, 5, 15 … minutes) and its ledger on disk,
 * so neither a restart nor another process starts the count over. One ledger
 * per staff number, not one for the terminal: a per-terminal count would let
 * anyone lock every colleague out by typing wrong PINs at one number, while
 * per number a PIN still gets only 5 tries per lockout; guessing across many
 * numbers is held back by the sign-in rate limit in front of this.
 */
export class StaffAuth {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: { staff: () => StaffConfig; stateDir: string; now: () => number; log: Logger }) {}

  verify(staffNo: string, pin: string): Promise<StaffAuthOutcome> {
    return this.queued(async () => {
      const account = this.opts.staff().accounts.find((a) => a.staffNo === staffNo);
      return this.decide(account, 'pin', () => verifyPinAsync(pin, account?.pinHash ?? NOBODY));
    });
  }

  /**
   * Sign-in by the staff member's own ID card: the number read is matched
   * against the accounts' salted card hashes and goes no further. A card that
   * matches nobody counts as a wrong try on the ledger unknown numbers share
   * (a resident's card put on by mistake locks no real account); a matching
   * card of a locked account is refused like its PIN would be.
   */
  verifyCard(idNumber: string): Promise<StaffAuthOutcome> {
    return this.queued(async () => {
      const account = await matchStaffCard(idNumber, this.opts.staff().accounts);
      return this.decide(account, 'card', async () => account !== undefined);
    });
  }

  private queued(fn: () => Promise<StaffAuthOutcome>): Promise<StaffAuthOutcome> {
    const next = this.queue.then(fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async decide(account: Account | undefined, via: 'pin' | 'card', check: () => Promise<boolean>): Promise<StaffAuthOutcome> {
    const { now, log } = this.opts;
    const ledger = new AttemptLedger(join(this.opts.stateDir, `${account ? account.staffNo : UNKNOWN}.json`));
    const t = now();
    const s = ledger.read(t, (m) => log.error({ event: 'staff.auth' }, m));
    s.totals.tries++;
    let outcome: StaffAuthOutcome;
    const locked = lockedAt(s, t);
    if (locked !== null) outcome = { ok: false, code: 'locked', lockedUntil: locked };
    else if ((await check()) && account) {
      countRight(s);
      outcome = { ok: true, member: { staffNo: account.staffNo, name: account.name, role: account.role } };
    } else outcome = { ok: false, code: 'invalid', ...countWrong(s, t) };
    ledger.write(s);
    const entry = { event: 'staff.auth', via, staffNo: account?.staffNo ?? null, known: Boolean(account), outcome: outcome.ok ? 'accepted' : outcome.code, failures: s.failures, lockouts: s.lockouts };
    if (outcome.ok) log.info(entry, 'staff signed in');
    else log.warn(entry, `staff sign-in refused: ${outcome.code}`);
    return outcome;
  }
}
