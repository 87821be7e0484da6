import type { ApiLimits } from '../config/schema';
import type { ParsedCommand } from './router';
import { TokenBucket } from './token-bucket';

export type Admission = { ok: true } | { ok: false; message: string; retryAfterMs: number };

/** A progress lookup by a typed or scanned case number (not "my cases" by card). */
function isCaseLookup(cmd: ParsedCommand): boolean {
  return cmd.name === 'case.progress' && typeof cmd.args === 'object' && cmd.args !== null && 'caseNo' in cmd.args;
}

/**
 * What one API connection may run now: a sustained rate with a burst, a cap
 * on commands still running, and a slower rate for lookups by case number
 * (the day's case numbers are sequential: a client must not walk them).
 * Every message spends from the rate, refused ones too, so a flood stays
 * refused until it slows down. A refusal is answered at once by the caller.
 */
export class ConnectionLimits {
  private inFlight = 0;
  private readonly commands: TokenBucket;
  private readonly caseLookups: TokenBucket;

  constructor(
    private readonly limits: ApiLimits,
    now: () => number,
  ) {
    this.commands = new TokenBucket(limits.commandsPerSecond, limits.commandBurst, now);
    this.caseLookups = new TokenBucket(limits.caseLookupsPerSecond, limits.caseLookupBurst, now);
  }

  /** ok: the command may run, and counts as running until done(). */
  admit(cmd: ParsedCommand): Admission {
    if (!this.commands.take()) {
      return { ok: false, message: `more than ${this.limits.commandsPerSecond} commands per second on this connection`, retryAfterMs: this.commands.waitMs() };
    }
    if (this.inFlight >= this.limits.maxInFlight) {
      return { ok: false, message: `${this.inFlight} commands of this connection are still running (at most ${this.limits.maxInFlight})`, retryAfterMs: 0 };
    }
    if (isCaseLookup(cmd) && !this.caseLookups.take()) {
      return { ok: false, message: 'too many lookups by case number on this connection', retryAfterMs: this.caseLookups.waitMs() };
    }
    this.inFlight++;
    return { ok: true };
  }

  done(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }
}
