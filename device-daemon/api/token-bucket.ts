/**
 * A token bucket on the daemon's clock: `burst` tokens to start with, refilled
 * at `perSecond`; take() spends one if there is one. Written here rather than
 * taken from a package because the rate-limit packages read Date.now() (or
 * are asynchronous and keyed for servers with many clients), and a limit the
 * tests cannot move with the injected clock could only be tested by waiting.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until the next token (0 when one is there). */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }

  private refill(): void {
    const t = this.now();
    // A clock that jumped back refills nothing (and never drains the bucket).
    const elapsed = Math.max(0, t - this.last);
    this.last = t;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.perSecond);
  }
}
