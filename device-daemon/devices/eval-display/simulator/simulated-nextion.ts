import type { Logger } from 'pino';
import type { LifecycleOptions } from '../../lifecycle-device';
import { SerialTransport } from '../../transport/serial-transport';
import { levelAt, type RatingLevel } from '../eval-display-device';
import { NextionDisplay, type NextionLayout } from '../nextion/nextion-display';
import { evalSimControl } from './sim-controls';
import { SimNextion } from './sim-nextion';

/** Line noise no Nextion sends: bytes that start no frame, then a lone terminator. */
const NOISE = Buffer.from([0x42, 0x13, 0x37, 0xff, 0xff, 0xff, 0x99]);

export interface SimulatedNextionOptions {
  log: Logger;
  layout: NextionLayout;
  baud: number;
  startUnplugged?: boolean;
  healthIntervalMs?: number;
  lifecycle?: LifecycleOptions;
}

/**
 * `driver: simulated` (protocol nextion): the real Nextion driver on
 * SerialTransport over the simulated display's paced port, in-process. The
 * display has the configured idle and evaluation pages (numbers 0 and 1)
 * and the configured QR and caption components.
 */
export function createSimulatedNextion(o: SimulatedNextionOptions): { device: NextionDisplay; display: SimNextion } {
  const l = o.layout;
  const display = new SimNextion({ pages: [l.idlePage, l.evalPage], textComponents: [l.qrComponent, l.captionComponent], encoding: l.encoding });
  if (o.startUnplugged) display.port.unplug();
  const device = new NextionDisplay({
    ...l,
    driver: 'simulated',
    log: o.log,
    transport: new SerialTransport({ path: display.port.path, baudRate: o.baud, binding: display.port.binding }),
    ...(o.healthIntervalMs !== undefined ? { healthIntervalMs: o.healthIntervalMs } : {}),
    ...(o.lifecycle ? { lifecycle: o.lifecycle } : {}),
  });
  const componentOf = (level: RatingLevel) => l.ratingComponents[[0, 1, 2, 3, 4].find((i) => levelAt(i) === level)!]!;
  device.simulator = evalSimControl(device, {
    rate: (level) => display.touch(componentOf(level)),
    garbage: (bytes) => display.garbage(bytes ?? NOISE),
    returnCode: (code) => display.failNext(code),
    unplug: () => display.port.unplug(),
    replug: () => display.port.replug(),
    connected: () => display.connected,
  });
  return { device, display };
}
