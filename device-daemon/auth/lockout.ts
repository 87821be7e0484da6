import type { AttemptState } from './attempt-ledger';

/** Wrong PINs in a row that lock (the technician PIN and every staff PIN alike). */
export const TRIES_BEFORE_LOCKOUT = 5;
/** How long each lockout lasts, minutes: the first, the second … and the last one for every one after. */
const LOCKOUT_MINUTES = [1, 5, 15, 60, 240, 960, 1440];

/** Locked at `t`: the try is counted as refused and not looked at. */
export function lockedAt(s: AttemptState, t: number): number | null {
  if (s.lockedUntil !== null && t < s.lockedUntil) {
    s.totals.refusedLocked++;
    return s.lockedUntil;
  }
  s.lockedUntil = null;
  return null;
}

/** A wrong PIN: the tries left before a lockout, or the lockout it started. */
export function countWrong(s: AttemptState, t: number): { remaining: number; lockedUntil: number | null } {
  s.totals.wrong++;
  s.failures++;
  if (s.failures < TRIES_BEFORE_LOCKOUT) return { remaining: TRIES_BEFORE_LOCKOUT - s.failures, lockedUntil: null };
  s.failures = 0;
  s.lockouts++;
  s.lockedUntil = t + lockoutMs(s.lockouts);
  return { remaining: 0, lockedUntil: s.lockedUntil };
}

/** The right PIN: the count starts over. */
export function countRight(s: AttemptState): void {
  s.failures = 0;
  s.lockouts = 0;
  s.totals.accepted++;
}

/** The n-th lockout's length (n ≥ 1). */
function lockoutMs(n: number): number {
  return LOCKOUT_MINUTES[Math.min(n, LOCKOUT_MINUTES.length) - 1]! * 60_000;
}
