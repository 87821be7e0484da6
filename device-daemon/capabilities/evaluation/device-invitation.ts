import type { Logger } from 'pino';
import type { Devices } from '../../capability';
import { followDevice } from '../follow-device';
import type { EvalDeviceBase } from '../../devices/eval-display/eval-device-base';
import type { EvalTarget, RatingPress } from '../../devices/eval-display/eval-display-device';

export type DeviceReport = { shows: 'qr' | 'text' | 'none'; rates: boolean; state: string };

/**
 * The evaluation device's side of an invitation: it shows one service event
 * at a time; a press while it shows one is passed on with that event's key;
 * it stands down when the event is rated (on any channel), skipped, timed
 * out or the session ends. A device that is absent or refuses never stops
 * the screen's evaluation: the refusal is logged and reported.
 */
export class DeviceInvitation {
  private current: string | undefined;

  constructor(
    private readonly devices: Devices,
    private readonly log: Logger,
    onPress: (eventKey: string, press: RatingPress) => void,
  ) {
    // The device takes one press per invitation; it keeps showing the event until the rating is stored or skipped.
    followDevice(devices, 'evalDisplay', (dev) =>
      dev.onRating((press) => {
        if (this.current) onPress(this.current, press);
      }),
    );
  }

  /** The evaluation device in use now (demo mode swaps it). */
  private get dev(): EvalDeviceBase | undefined {
    return this.devices.evalDisplay;
  }

  get showing(): string | undefined {
    return this.current;
  }

  report(): DeviceReport {
    const s = this.dev?.status();
    return { shows: this.dev?.shows ?? 'none', rates: this.dev?.rates ?? false, state: s?.state ?? 'none' };
  }

  async show(eventKey: string, target: EvalTarget): Promise<void> {
    const dev = this.dev;
    if (dev?.status().state !== 'online') return;
    this.current = eventKey;
    try {
      await dev.show(target);
    } catch (err) {
      if (this.current === eventKey) this.current = undefined;
      this.log.warn({ err: (err as Error).message }, 'the evaluation device did not show the invitation; the screen alone invites');
    }
  }

  /** Stand down if the device shows `eventKey` (or whatever it shows, without one). */
  async standDown(eventKey?: string): Promise<boolean> {
    if (eventKey !== undefined && this.current !== eventKey) return false;
    const had = this.current !== undefined;
    this.current = undefined;
    const dev = this.dev;
    if (dev?.status().state === 'online') await dev.clear().catch((err: Error) => this.log.warn({ err: err.message }, 'the evaluation device did not stand down'));
    return had;
  }
}
