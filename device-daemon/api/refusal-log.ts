import type { Logger } from 'pino';
import type { Clock } from '../clock';

export interface RefusalDetail {
  peer: string | undefined;
  origin: string | undefined;
  status: number;
  reason: string;
}

/**
 * The admission guard's refusals, logged without letting a refused client
 * write the log: every refusal costs the client nothing, so one that retries
 * in a loop used to add a line per attempt (about 1 MB/s). The first
 * `first` refusals of each period are logged in full; the rest are counted
 * by HTTP status and reported in one line when the period ends.
 */
export class RefusalLog {
  private loggedThisPeriod = 0;
  private suppressed = new Map<number, number>();
  private readonly stopTicks: () => void;

  constructor(
    private readonly log: Logger,
    clock: Clock,
    private readonly opts: { first: number; periodMs: number } = { first: 5, periodMs: 60_000 },
  ) {
    this.stopTicks = clock.every(opts.periodMs, () => this.endPeriod());
  }

  refused(detail: RefusalDetail): void {
    if (this.loggedThisPeriod < this.opts.first) {
      this.loggedThisPeriod++;
      this.log.warn(detail, 'API connection refused');
      return;
    }
    // Counted by status, not by reason: a reason quotes the client's Origin, which it can vary at will.
    this.suppressed.set(detail.status, (this.suppressed.get(detail.status) ?? 0) + 1);
  }

  stop(): void {
    this.endPeriod();
    this.stopTicks();
  }

  private endPeriod(): void {
    if (this.suppressed.size) {
      const byStatus = Object.fromEntries(this.suppressed);
      const count = [...this.suppressed.values()].reduce((a, b) => a + b, 0);
      this.log.warn({ count, byStatus, periodSec: this.opts.periodMs / 1000 }, 'more API connections refused (not logged one by one)');
    }
    this.suppressed = new Map();
    this.loggedThisPeriod = 0;
  }
}
