import { describe, expect, it } from 'vitest';
import { SimulatedHidBackend } from '../../../../device-daemon/devices/simulation/simulated-hid';

// The one simulated node-hid backend (HID reader simulator, HID scanner tests, rating pad).

describe('simulated HID backend', () => {
  it('enumerates its interfaces while plugged, none while unplugged; opens only a listed path', async () => {
    const hid = new SimulatedHidBackend({ interfaces: [{ vendorId: 1, productId: 2, path: '/dev/hidraw9', usagePage: 1, usage: 6 }] });
    expect(await hid.devices()).toEqual([{ vendorId: 1, productId: 2, path: '/dev/hidraw9', usagePage: 1, usage: 6 }]);
    await expect(hid.open('/dev/hidraw8')).rejects.toThrow(/could not open/);
    hid.unplug();
    expect(await hid.devices()).toEqual([]);
    await expect(hid.open('/dev/hidraw9')).rejects.toThrow(/could not open/);
    hid.replug();
    await hid.open('/dev/hidraw9');
    expect(hid.opened).toEqual(['/dev/hidraw9']);
  });

  it('input reports go to the open handle, in order; abort stops them; a reopen fails the old handle', async () => {
    const hid = new SimulatedHidBackend();
    const first = await hid.open(hid.path);
    const got: string[] = [];
    const errors: string[] = [];
    first.on('data', (r) => got.push(r.toString()));
    first.on('error', (e) => errors.push(e.message));
    const reports = ['a', 'b', 'c', 'd'].map((s) => Buffer.from(s));
    expect(await hid.sendReports(reports, (i) => i === 2)).toBe(2);
    expect(got).toEqual(['a', 'b']);
    const second = await hid.open(hid.path);
    expect(errors).toEqual(['reopened']);
    const got2: string[] = [];
    second.on('data', (r) => got2.push(r.toString()));
    expect(await hid.sendReports(reports)).toBe(4);
    expect(got2).toEqual(['a', 'b', 'c', 'd']);
    expect(got).toEqual(['a', 'b']);
  });

  it('output reports reach the device without the report id; a closed handle refuses writes and receives nothing', async () => {
    const out: Buffer[] = [];
    const hid = new SimulatedHidBackend({ reportBytes: 4, onOutput: (r) => out.push(r) });
    const dev = await hid.open(hid.path);
    await dev.write(Buffer.from([0x00, 1, 2, 3, 4]));
    expect(out).toEqual([Buffer.from([1, 2, 3, 4])]);
    await dev.close();
    await expect(dev.write(Buffer.from([0x00, 1, 2, 3, 4]))).rejects.toThrow(/closed/);
    expect(await hid.sendReports([Buffer.from('x')])).toBe(0);
  });
});
