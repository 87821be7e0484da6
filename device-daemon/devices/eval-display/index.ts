import type { DeviceContext } from '../context';
import type { Device } from '../device';
import { HidTransport } from '../transport/hid-transport';
import { serialTransportFor } from '../transport/serial-transport';
import { Cd5220Display } from './cd5220/cd5220-display';
import { NextionDisplay } from './nextion/nextion-display';
import { ratingPadFraming } from './rating-pad/pad-framing';
import { RatingPadDevice } from './rating-pad/rating-pad';
import { ScreenEvalDisplay } from './screen-display';
import { createSimulatedCd5220 } from './simulator/simulated-cd5220';
import { createSimulatedNextion } from './simulator/simulated-nextion';
import { createSimulatedRatingPad } from './simulator/simulated-rating-pad';

/**
 * The 好差评 evaluation device from config devices.evalDisplay: a Nextion
 * serial touch display, a CD5220 text display, a HID rating pad (each also
 * `simulated`, the real driver on its simulator), or `screen` (the kiosk
 * screen only; the screen shows the evaluation whatever the device).
 */
export function createEvalDisplay(ctx: DeviceContext): Device {
  const cfg = ctx.config.devices.evalDisplay;
  const log = ctx.log.child({ device: 'evalDisplay' });
  switch (cfg.driver) {
    case 'screen':
      return new ScreenEvalDisplay();
    case 'simulated':
      if (cfg.protocol === 'cd5220') return createSimulatedCd5220({ log, baud: cfg.baud, startUnplugged: cfg.startUnplugged }).device;
      if (cfg.protocol === 'hid') return createSimulatedRatingPad({ log, startUnplugged: cfg.startUnplugged }).device;
      return createSimulatedNextion({ log, layout: cfg, baud: cfg.baud, startUnplugged: cfg.startUnplugged }).device;
    case 'serial': {
      const transport = serialTransportFor(cfg, 'devices.evalDisplay');
      if (cfg.protocol === 'cd5220') return new Cd5220Display({ driver: 'serial', transport, log });
      return new NextionDisplay({ ...cfg, driver: 'serial', transport, log });
    }
    case 'hid':
      return new RatingPadDevice({
        driver: 'hid',
        log,
        debounceMs: cfg.debounceMs,
        leds: cfg.leds,
        transport: new HidTransport({
          framing: ratingPadFraming,
          vendorId: cfg.vendorId,
          productId: cfg.productId,
          ...(cfg.serialNumber ? { serialNumber: cfg.serialNumber } : {}),
          ...(cfg.path ? { path: cfg.path } : {}),
        }),
      });
  }
}
