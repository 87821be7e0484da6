import type { Device } from '../device';
import type { DeviceContext } from '../context';
import { StatusSimulator } from '../status-simulator';
import { UnavailableDriver } from '../unavailable-driver';

/** The 好差评 evaluation display. Simulated (and `screen`) show the code on the kiosk screen itself. */
export function createEvalDisplay(ctx: DeviceContext): Device {
  const cfg = ctx.config.devices.evalDisplay;
  if (cfg.driver === 'simulated') {
    return new StatusSimulator('evalDisplay', { showing: null }, {}, { startUnplugged: cfg.startUnplugged });
  }
  if (cfg.driver === 'screen') {
    return new StatusSimulator('evalDisplay', { showing: null, onScreen: true }, {});
  }
  return new UnavailableDriver('evalDisplay', cfg.driver, 'no driver for an external evaluation display is built yet; use "screen"');
}
