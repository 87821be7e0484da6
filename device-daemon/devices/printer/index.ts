import type { Device } from '../device';
import type { DeviceContext } from '../context';
import { StatusSimulator } from '../status-simulator';
import { UnavailableDriver } from '../unavailable-driver';

// Spine version: paper and cover status only. Issue 4 replaces this with the
// ESC/POS driver and its byte-level emulator.
export function createPrinter(ctx: DeviceContext): Device {
  const cfg = ctx.config.devices.printer;
  if (cfg.driver === 'simulated') {
    return new StatusSimulator(
      'printer',
      { paper: 'full', cover: 'closed' },
      {
        paperOut: (sim) => sim.patch({ paper: 'out' }),
        paperLow: (sim) => sim.patch({ paper: 'low' }),
        paperLoad: (sim) => sim.patch({ paper: 'full' }),
        coverOpen: (sim) => sim.patch({ cover: 'open' }),
        coverClose: (sim) => sim.patch({ cover: 'closed' }),
      },
      { startUnplugged: cfg.startUnplugged },
    );
  }
  return new UnavailableDriver('printer', cfg.driver, `the ${cfg.driver} printer driver is not built yet`);
}
