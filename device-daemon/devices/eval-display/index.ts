import type { Device } from '../device';
import type { DeviceContext } from '../context';
import { StatusSimulator } from '../status-simulator';
import { UnavailableDriver } from '../unavailable-driver';
import { ScreenEvalDisplay } from './screen-display';

/** The 好差评 evaluation display. `simulated` and `screen` both show it on the kiosk screen; only `simulated` has simulator controls. */
export function createEvalDisplay(ctx: DeviceContext): Device {
  const cfg = ctx.config.devices.evalDisplay;
  if (cfg.driver === 'simulated') {
    return new StatusSimulator('evalDisplay', { showing: null }, {}, { startUnplugged: cfg.startUnplugged });
  }
  if (cfg.driver === 'screen') {
    return new ScreenEvalDisplay();
  }
  return new UnavailableDriver('evalDisplay', cfg.driver, 'no driver for an external evaluation display is built yet; use "screen"');
}
