import type { Logger } from 'pino';
import { DeviceCommandError } from '../../device';
import type { LifecycleOptions } from '../../lifecycle-device';
import type { ByteTransport } from '../../transport/byte-transport';
import { EvalDeviceBase } from '../eval-device-base';
import { levelAt, type EvalTarget } from '../eval-display-device';
import { LEDS_ALL, LEDS_OFF } from './pad-framing';

export interface RatingPadOptions {
  driver: string;
  /** A HidTransport with ratingPadFraming: one byte per key going down. */
  transport: ByteTransport;
  log: Logger;
  /** A press within this time of the previous one is a bounce. */
  debounceMs: number;
  /** Light the keys while a rating is invited. */
  leds: boolean;
  lifecycle?: LifecycleOptions;
}

/**
 * A five-key rating pad (keys left to right: 非常满意 … 非常不满意) on a
 * vendor-defined HID usage page, read through node-hid's async API. It shows
 * nothing (the QR is on the screen and the receipt); its LEDs, when it has
 * them, say that a rating is invited. Contact bounce and a held key are not
 * second ratings: the framing reports a key once per press, and a press
 * within debounceMs of the last is dropped.
 */
export class RatingPadDevice extends EvalDeviceBase {
  readonly shows = 'none' as const;
  readonly rates = true;
  private readonly transport: ByteTransport;
  private readonly log: Logger;
  private lastPressAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly opts: RatingPadOptions) {
    super(opts.driver, opts.transport.describe, opts.lifecycle);
    this.transport = opts.transport;
    this.log = opts.log;
    this.transport.onData((keys) => {
      for (const key of keys) this.onKey(key);
    });
    this.transport.onLost((reason) => {
      this.log.warn({ device: 'evalDisplay', reason }, 'rating pad lost');
      this.lost(reason);
    });
  }

  async show(target: EvalTarget): Promise<void> {
    if (this.state !== 'online') throw new DeviceCommandError('offline', `the rating pad is ${this.state}`);
    await this.leds(LEDS_ALL);
    this.shown(target);
  }

  async clear(): Promise<void> {
    this.shown(undefined);
    if (this.state === 'online') await this.leds(LEDS_OFF);
  }

  protected async open(): Promise<void> {
    await this.transport.close().catch(() => {});
    await this.transport.open();
    this.patchDetail({ link: this.transport.describe });
    this.shown(undefined);
    await this.leds(LEDS_OFF);
  }

  protected async close(): Promise<void> {
    await this.transport.close();
  }

  private onKey(key: number): void {
    const now = performance.now();
    const bounce = now - this.lastPressAt < this.opts.debounceMs;
    this.lastPressAt = now;
    if (bounce) return;
    this.pressed(levelAt(key - 1));
  }

  private async leds(bits: number): Promise<void> {
    if (!this.opts.leds) return;
    try {
      await this.transport.write(Buffer.from([bits]));
    } catch (err) {
      throw new DeviceCommandError('transportLost', `the rating pad's LEDs could not be set (${(err as Error).message})`);
    }
  }
}
