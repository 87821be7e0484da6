import type { DeviceDetail } from '../../../contract/api';
import { LifecycleDevice, type LifecycleOptions } from '../lifecycle-device';
import type { EvalDisplayDevice, EvalTarget, RatingLevel, RatingPress } from './eval-display-device';

/**
 * What every external evaluation device shares: the rating listeners, the
 * invitation now shown, and the rule that one invitation takes one press
 * (a second tap, a bounce, a press while nothing is shown is ignored and
 * counted). The status detail says what is shown (the URL, never more: it
 * carries the case number and terminal id only) and how many presses were
 * taken and ignored.
 */
export abstract class EvalDeviceBase extends LifecycleDevice implements EvalDisplayDevice {
  abstract readonly shows: 'qr' | 'text' | 'none';
  abstract readonly rates: boolean;
  private readonly ratingFns = new Set<(p: RatingPress) => void>();
  /** The invitation shown, until a press answers it or clear(). */
  protected showing: EvalTarget | undefined;
  private counts = { presses: 0, ignored: 0 };

  constructor(driver: string, link: string, opts?: LifecycleOptions) {
    super('evalDisplay', driver, { link, showing: null, presses: 0, ignored: 0 }, opts ?? { retryDelayMs: (n) => Math.min(10_000, 500 * 2 ** (n - 1)) });
  }

  abstract show(target: EvalTarget): Promise<void>;
  abstract clear(): Promise<void>;

  /** Try to open again now (a replug seen by the simulator, or udev). */
  attached(): void {
    this.retryNow();
  }

  onRating(fn: (press: RatingPress) => void): () => void {
    this.ratingFns.add(fn);
    return () => this.ratingFns.delete(fn);
  }

  /** The device showed `target` (or nothing): the status says so. */
  protected shown(target: EvalTarget | undefined): void {
    this.showing = target;
    this.setDetail({ showing: target ? target.url : null });
  }

  /** A press of `level` arrived: passed on when it answers the invitation shown, else counted as ignored. */
  protected pressed(level: RatingLevel | undefined): void {
    if (!level || !this.showing) {
      this.counts.ignored++;
      this.setDetail({ ignored: this.counts.ignored });
      return;
    }
    this.counts.presses++;
    // One press answers one invitation: later taps are ignored until the next show().
    this.showing = undefined;
    this.setDetail({ presses: this.counts.presses, showing: null });
    const press = { level, at: new Date() };
    for (const fn of this.ratingFns) fn(press);
  }

  protected patchDetail(detail: DeviceDetail): void {
    this.setDetail(detail);
  }
}
