import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileDurably } from '../durable-file/write-durably';

/** What is kept of technician PIN tries, across restarts (never a PIN, never a person). */
export interface AttemptState {
  /** Wrong PINs since the last right one or the last lockout. */
  failures: number;
  /** Lockouts since the last right PIN: each one lasts longer. */
  lockouts: number;
  /** Epoch ms until which every try is refused; null when not locked. */
  lockedUntil: number | null;
  totals: { tries: number; wrong: number; refusedLocked: number; accepted: number };
}

const FRESH: AttemptState = { failures: 0, lockouts: 0, lockedUntil: null, totals: { tries: 0, wrong: 0, refusedLocked: 0, accepted: 0 } };

/**
 * The tries on disk, so a lockout outlives a restart of the daemon and the
 * CLI's separate processes share it: read fresh before every try, written
 * whole to a temporary file, flushed and renamed over the old one (a crash
 * leaves the old or the new state, never half of one), readable by the
 * terminal's user only. A file that cannot be read as a state is reported
 * and taken as a lockout of its own, never as a clean slate: deleting or
 * spoiling it must not buy more tries.
 */
export class AttemptLedger {
  constructor(readonly file: string) {}

  read(now: number, onProblem: (message: string) => void): AttemptState {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(FRESH);
      onProblem(`cannot read ${this.file}: ${(err as Error).message}`);
      return { ...structuredClone(FRESH), lockedUntil: now + SPOILED_LOCK_MS };
    }
    try {
      return parseState(JSON.parse(text));
    } catch (err) {
      onProblem(`${this.file} is not a technician-auth state: ${(err as Error).message}`);
      return { ...structuredClone(FRESH), lockedUntil: now + SPOILED_LOCK_MS };
    }
  }

  write(state: AttemptState): void {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileDurably(this.file, `${JSON.stringify(state)}\n`);
  }
}

/** A spoiled state file locks for as long as a first lockout. */
const SPOILED_LOCK_MS = 60_000;

function parseState(v: unknown): AttemptState {
  const s = v as AttemptState;
  const count = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (!s || !count(s.failures) || !count(s.lockouts) || !(s.lockedUntil === null || count(s.lockedUntil)) || !s.totals || !Object.values(s.totals).every(count)) {
    throw new Error('unexpected shape');
  }
  return { failures: s.failures, lockouts: s.lockouts, lockedUntil: s.lockedUntil, totals: { ...FRESH.totals, ...s.totals } };
}
