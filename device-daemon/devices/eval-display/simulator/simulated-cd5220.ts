import type { Logger } from 'pino';
import type { LifecycleOptions } from '../../lifecycle-device';
import { SerialTransport } from '../../transport/serial-transport';
import { Cd5220Display } from '../cd5220/cd5220-display';
import { evalSimControl } from './sim-controls';
import { SimCd5220 } from './sim-cd5220';

/** `driver: simulated` (protocol cd5220): the real CD5220 driver on the simulated display's paced port. */
export function createSimulatedCd5220(o: { log: Logger; baud: number; startUnplugged?: boolean; lifecycle?: LifecycleOptions }): { device: Cd5220Display; display: SimCd5220 } {
  const display = new SimCd5220();
  if (o.startUnplugged) display.port.unplug();
  const device = new Cd5220Display({
    driver: 'simulated',
    log: o.log,
    transport: new SerialTransport({ path: display.port.path, baudRate: o.baud, binding: display.port.binding }),
    ...(o.lifecycle ? { lifecycle: o.lifecycle } : {}),
  });
  device.simulator = evalSimControl(device, { unplug: () => display.port.unplug(), replug: () => display.port.replug(), connected: () => display.connected });
  return { device, display };
}
