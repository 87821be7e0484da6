import type { Device } from '../device';
import type { DeviceContext } from '../context';
import { StatusSimulator } from '../status-simulator';
import { UnavailableDriver } from '../unavailable-driver';

// Spine version: presence and card media only. Issue 3 replaces this with the
// SAM protocol driver and its byte-level simulator.
export function createIdCardReader(ctx: DeviceContext): Device {
  const cfg = ctx.config.devices.idCardReader;
  if (cfg.driver === 'simulated') {
    return new StatusSimulator(
      'idCardReader',
      { media: 'notPresent' },
      {
        insertCard: (sim) => sim.patch({ media: 'present' }),
        removeCard: (sim) => sim.patch({ media: 'notPresent' }),
      },
      { startUnplugged: cfg.startUnplugged },
    );
  }
  return new UnavailableDriver('idCardReader', cfg.driver, `the ${cfg.driver} ID-card reader driver is not built yet`);
}
