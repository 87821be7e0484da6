import type { Logger } from 'pino';
import type { LifecycleOptions } from '../../lifecycle-device';
import { HidTransport } from '../../transport/hid-transport';
import { ratingPadFraming } from '../rating-pad/pad-framing';
import { RatingPadDevice } from '../rating-pad/rating-pad';
import { evalSimControl } from './sim-controls';
import { SIM_PAD_IDS, SimRatingPad } from './sim-rating-pad';

/** `driver: simulated` (protocol hid): the real rating-pad driver (HidTransport) on the simulated HID backend. */
export function createSimulatedRatingPad(o: { log: Logger; startUnplugged?: boolean; debounceMs?: number; lifecycle?: LifecycleOptions }): { device: RatingPadDevice; pad: SimRatingPad } {
  const pad = new SimRatingPad();
  if (o.startUnplugged) pad.backend.unplug();
  const device = new RatingPadDevice({
    driver: 'simulated',
    log: o.log,
    transport: new HidTransport({ framing: ratingPadFraming, ...SIM_PAD_IDS, backend: pad.backend }),
    debounceMs: o.debounceMs ?? 150,
    leds: true,
    ...(o.lifecycle ? { lifecycle: o.lifecycle } : {}),
  });
  device.simulator = evalSimControl(device, {
    rate: (level) => pad.press(6 - level),
    garbage: () => pad.garbage([0x09, 0xff]),
    unplug: () => pad.backend.unplug(),
    replug: () => pad.backend.replug(),
    connected: () => pad.connected,
  });
  return { device, pad };
}
