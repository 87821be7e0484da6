import { describe, expect, it } from 'vitest';
import { allSimulated, demoDevices } from '../../../device-daemon/devices/demo-devices';
import { testConfig } from '../capabilities/harness';

// The device settings of demo / training mode: whatever the config drives for real, the mode runs on the simulators.

describe('demo devices', () => {
  it('replaces every real driver by its simulator and keeps a simulator as configured', () => {
    const { config } = testConfig({
      devices: {
        idCardReader: { driver: 'serial', path: '/dev/ttyUSB0', simulator: { baud: 115200, timing: 'realistic', removalMode: 'status41' } },
        printer: { driver: 'network', host: '10.0.0.9' },
        evalDisplay: { driver: 'simulated', protocol: 'nextion', startUnplugged: true },
        scanner: { driver: 'none' },
      },
    });
    expect(allSimulated(config)).toBe(false);
    const demo = demoDevices(config);
    expect(Object.values(demo.devices).map((d) => d.driver)).toEqual(['simulated', 'simulated', 'simulated', 'simulated']);
    expect(demo.devices.evalDisplay).toEqual(config.devices.evalDisplay);
    expect(allSimulated(demo)).toBe(true);
    // The configured settings themselves are left as they were.
    expect(config.devices.printer.driver).toBe('network');
  });
});
