import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { KioskConfig, PrinterProfile } from '../../../../device-daemon/config/schema';
import { createPrinter } from '../../../../device-daemon/devices/printer';
import { Bus } from '../../../../device-daemon/bus';
import { ROOT } from '../../../helpers/daemon';
import { SimulatedPrinter } from '../../../../device-daemon/devices/printer/simulated-printer';
import { DeviceCommandError } from '../../../../device-daemon/devices/device';

// The simulator controls of the simulated printer; what they do to a job is
// tested through the driver in printer-device.test.ts.

const printers: SimulatedPrinter[] = [];
afterEach(async () => {
  for (const p of printers.splice(0)) await p.stop();
});
async function printer() {
  const p = new SimulatedPrinter({ profile: PrinterProfile.parse({}), log: pino({ level: 'silent' }), timing: { statusTimeoutMs: 300, idlePollMs: 200, busyPollMs: 50 } });
  printers.push(p);
  await p.start();
  return p;
}

describe('simulated printer controls', () => {
  it('refuse a malformed paperOut parameter and an action the printer has not, with codes the API maps', async () => {
    const p = await printer();
    const bad = p.simulator!.perform('paperOut', 'soon');
    await expect(bad).rejects.toBeInstanceOf(DeviceCommandError);
    await expect(bad).rejects.toMatchObject({ code: 'invalidArgs' });
    expect(p.emulator.state.paper).toBe('ok'); // refused: the roll did not end
    await expect(p.simulator!.perform('scan', 'x')).rejects.toMatchObject({ code: 'notSupported' });
  });

  it('unplug answers once the driver has seen it, replug once it is back, through the shared simulated port', async () => {
    const p = await printer();
    expect(p.port.path).toMatch(/^\/dev\/sim-printer-/);
    await p.simulator!.perform('unplug');
    expect(['offline', 'noDevice']).toContain(p.state);
    expect(p.port.isPlugged).toBe(false);
    expect(p.emulator.state.plugged).toBe(false);
    await p.simulator!.perform('replug');
    expect(p.state).toBe('online');
    expect(p.emulator.state.plugged).toBe(true);
  });
});

describe('the emulated mechanism speed from kiosk.config.json', () => {
  /** The shipped kiosk.config.json with devices.printer replaced (or removed: the default). */
  const configWith = (printer: unknown) => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'kiosk.config.json'), 'utf8'));
    const devices = { ...shipped.devices };
    if (printer === undefined) delete devices.printer;
    else devices.printer = printer;
    return KioskConfig.parse({ ...shipped, devices });
  };
  const build = (printer: unknown) => {
    const config = configWith(printer);
    const p = createPrinter({ config, log: pino({ level: 'silent' }), bus: new Bus() }) as SimulatedPrinter;
    printers.push(p);
    return p;
  };

  it('is 200 mm/s (a kiosk printer) unless set, the set speed otherwise; 0 and a speed for real hardware are refused', () => {
    expect(build(undefined).emulator.opts.printSpeedMmPerSec).toBe(200);
    expect(build({ driver: 'simulated' }).emulator.opts.printSpeedMmPerSec).toBe(200);
    expect(build({ driver: 'simulated', printSpeedMmPerSec: 5000 }).emulator.opts.printSpeedMmPerSec).toBe(5000);
    expect(() => configWith({ driver: 'simulated', printSpeedMmPerSec: 0 })).toThrow(/printSpeedMmPerSec/);
    expect(() => configWith({ driver: 'serial', path: '/dev/ttyS0', printSpeedMmPerSec: 300 })).toThrow(/printSpeedMmPerSec/);
  });
});
