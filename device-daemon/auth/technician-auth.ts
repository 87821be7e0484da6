import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { verifyPinAsync } from '../config/pin-hash';
import { AttemptLedger, type AttemptState } from './attempt-ledger';
import { countRight, countWrong, lockedAt } from './lockout';

/** The PIN the shipped kiosk.config.json carries: documented, so never good enough for a terminal in service. */
export const DEMO_PIN = '24682468';

export { TRIES_BEFORE_LOCKOUT } from './lockout';

export type AuthOutcome =
  | { ok: true; demo: boolean }
  /** No PIN was given (an empty line, end of input). Not counted as a wrong PIN. */
  | { ok: false; code: 'pinRequired' }
  /** Wrong PIN: `remaining` tries before a lockout, or `lockedUntil` when this one locked. */
  | { ok: false; code: 'pinInvalid'; remaining: number; lockedUntil: number | null }
  /** Refused without looking at the PIN until `lockedUntil`. */
  | { ok: false; code: 'locked'; lockedUntil: number }
  /** The right PIN, but it is the shipped demo PIN and the config does not mark this terminal as a demo. */
  | { ok: false; code: 'demoPin' };

export interface TechnicianAuthOptions {
  /** technician.pinHash of the config. */
  pinHash: string;
  /** technician.demoMode: the shipped demo PIN may be used (training and demo terminals only). */
  demoMode: boolean;
  /** The file the tries are kept in (technicianStateFile). */
  stateFile: string;
  now: () => number;
  log: Logger;
}

/** Where the tries are kept: beside the store, with the terminal's other state. */
export function technicianStateFile(storagePath: string): string {
  return join(dirname(storagePath), 'technician-auth.json');
}

/**
 * The technician's PIN, checked before any technician action (the CLI's
 * --reveal today; the on-screen maintenance mode can call verify() the same
 * way): scrypt against technician.pinHash with a constant-time comparison;
 * after TRIES_BEFORE_LOCKOUT wrong PINs every try is refused for a growing
 * period (1, 5, 15, 60 min …); the tries are kept on disk, so neither a
 * restart nor another process starts them over. Every try is logged (the
 * action and the outcome, never the PIN) and counted. The shipped demo PIN
 * opens nothing unless the config marks the terminal as a demo.
 */
export class TechnicianAuth {
  private readonly ledger: AttemptLedger;
  private demo: Promise<boolean> | undefined;
  /** One try at a time: the state is read, decided on and written as one step. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: TechnicianAuthOptions) {
    this.ledger = new AttemptLedger(opts.stateFile);
  }

  /** Whether the configured PIN is the shipped demo PIN (one scrypt, computed once). */
  demoPinConfigured(): Promise<boolean> {
    this.demo ??= verifyPinAsync(DEMO_PIN, this.opts.pinHash);
    return this.demo;
  }

  verify(pin: string | undefined, action: string): Promise<AuthOutcome> {
    const next = this.queue.then(() => this.decide(pin, action));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The tries as they stand (for /health and `kioskctl`): counts and lockout, nothing secret. */
  state(): AttemptState {
    return this.ledger.read(this.opts.now(), (m) => this.opts.log.error({ event: 'technician.auth' }, m));
  }

  private async decide(pin: string | undefined, action: string): Promise<AuthOutcome> {
    const { now, log } = this.opts;
    const t = now();
    const s = this.state();
    s.totals.tries++;
    const outcome = await this.judge(s, pin, t);
    this.ledger.write(s);
    const entry = {
      event: 'technician.auth',
      action,
      outcome: outcome.ok ? 'accepted' : outcome.code,
      failures: s.failures,
      lockouts: s.lockouts,
      lockedUntil: s.lockedUntil && new Date(s.lockedUntil).toISOString(),
      tries: s.totals.tries,
    };
    if (outcome.ok) log.info(entry, outcome.demo ? 'technician PIN accepted (demo PIN, demo mode)' : 'technician PIN accepted');
    else log.warn(entry, `technician PIN refused: ${outcome.code}`);
    return outcome;
  }

  /** Decides one try and updates the state in place. */
  private async judge(s: AttemptState, pin: string | undefined, t: number): Promise<AuthOutcome> {
    const locked = lockedAt(s, t);
    if (locked !== null) return { ok: false, code: 'locked', lockedUntil: locked };
    if (!pin) return { ok: false, code: 'pinRequired' };
    if (!(await verifyPinAsync(pin, this.opts.pinHash))) return { ok: false, code: 'pinInvalid', ...countWrong(s, t) };
    const demo = await this.demoPinConfigured();
    if (demo && !this.opts.demoMode) return { ok: false, code: 'demoPin' };
    countRight(s);
    return { ok: true, demo };
  }
}
