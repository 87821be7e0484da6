import { afterEach, describe, expect, it } from 'vitest';
import { HidTransport, type HidFraming } from '../../../../device-daemon/devices/transport/hid-transport';
import { SimulatedHidBackend } from '../../../../device-daemon/devices/simulation/simulated-hid';
import { NoDeviceError } from '../../../../device-daemon/devices/lifecycle-device';
import { waitUntil } from '../../../helpers/wait';

// The one HID transport (open by ids or path, report loop, loss) with a toy
// framing, on the simulated HID backend: the reader's Miaxis wrapper and the
// scanner's keyboard reports are tested with their own framings elsewhere.

/** Toy framing: an 8-byte report is [length, up to 7 bytes]; a length over 7 is malformed. */
const lengthPrefixed: HidFraming = {
  name: 'toy',
  deviceName: 'toy HID device',
  knownIds: [{ vendorId: '1234', productId: '0001' }],
  reportBytes: 8,
  bytesPerSecond: 7000,
  prefer: (d) => d.usagePage === 0xff00,
  hostEncode(bytes) {
    const out: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) {
      const part = bytes.subarray(i, i + 7);
      const r = Buffer.alloc(8);
      r[0] = part.length;
      part.copy(r, 1);
      out.push(r);
    }
    return out;
  },
  hostDecoder() {
    let errors = 0;
    return {
      get errors() {
        return errors;
      },
      push(report: Buffer) {
        if (report[0]! > 7) {
          errors++;
          return Buffer.alloc(0);
        }
        return Buffer.from(report.subarray(1, 1 + report[0]!));
      },
    };
  },
};

const toyReport = (s: string) => lengthPrefixed.hostEncode(Buffer.from(s))[0]!;

const transports: HidTransport[] = [];
afterEach(async () => {
  for (const t of transports.splice(0)) await t.close();
});

function link(backend: SimulatedHidBackend, target: Partial<ConstructorParameters<typeof HidTransport>[0]> = {}) {
  const t = new HidTransport({ framing: lengthPrefixed, backend, ...target });
  transports.push(t);
  const rx: Buffer[] = [];
  const lost: string[] = [];
  t.onData((c) => rx.push(c));
  t.onLost((r) => lost.push(r));
  return { t, rx, lost, got: () => Buffer.concat(rx).toString() };
}

describe('HID transport: finding the device', () => {
  it("by the framing's known ids when none are configured, preferring the interface the framing asks for", async () => {
    const hid = new SimulatedHidBackend({
      interfaces: [
        { vendorId: 0x046d, productId: 0xc31c, path: '/dev/hidraw0' },
        { vendorId: 0x1234, productId: 0x0001, path: '/dev/hidraw1', usagePage: 0x01, usage: 0x06 },
        { vendorId: 0x1234, productId: 0x0001, path: '/dev/hidraw2', usagePage: 0xff00, usage: 0x01 },
      ],
    });
    const l = link(hid);
    expect(l.t.describe).toBe('hid:1234:0001/toy');
    await l.t.open();
    expect(hid.opened).toEqual(['/dev/hidraw2']);
    expect(l.t.describe).toBe('hid:/dev/hidraw2/toy');
    expect(l.t.bytesPerSecond).toBe(7000);
  });

  it('by configured ids and serial number; a configured path overrides matching', async () => {
    const hid = new SimulatedHidBackend({
      interfaces: [
        { vendorId: 0xaaaa, productId: 0x0002, path: '/dev/hidraw5', serialNumber: 'A' },
        { vendorId: 0xaaaa, productId: 0x0002, path: '/dev/hidraw6', serialNumber: 'B' },
      ],
    });
    await link(hid, { vendorId: '0xAAAA', productId: '0002', serialNumber: 'B' }).t.open();
    await link(hid, { path: '/dev/hidraw5' }).t.open();
    expect(hid.opened).toEqual(['/dev/hidraw6', '/dev/hidraw5']);
  });

  it('absent: NoDeviceError naming the ids; no hidraw permission: an error that says what to do, not NoDeviceError', async () => {
    const hid = new SimulatedHidBackend({ interfaces: [{ vendorId: 0x1234, productId: 0x0001, path: '/dev/hidraw1' }] });
    hid.unplug();
    const absent = link(hid).t.open();
    await expect(absent).rejects.toBeInstanceOf(NoDeviceError);
    await expect(absent).rejects.toThrow('no toy HID device 1234:0001 is attached');
    await expect(link(hid, { path: '/dev/hidraw1' }).t.open()).rejects.toBeInstanceOf(NoDeviceError);
    hid.replug();
    hid.accessDenied = true;
    const denied = link(hid).t.open();
    await expect(denied).rejects.toThrow(/permission denied \(add a udev rule/);
    await expect(denied).rejects.not.toBeInstanceOf(NoDeviceError);
  });
});

describe('HID transport: the report loop', () => {
  it("output: each frame as the framing's reports, report id 0 first; input: decoded bytes in order, malformed reports counted and dropped", async () => {
    const out: Buffer[] = [];
    const hid = new SimulatedHidBackend({ interfaces: [{ vendorId: 0x1234, productId: 0x0001 }], reportBytes: 8, onOutput: (r) => out.push(r) });
    const l = link(hid);
    await l.t.open();
    await l.t.write(Buffer.from('0123456789'));
    expect(out).toEqual([toyReport('0123456'), toyReport('789')]);
    const bad = Buffer.alloc(8, 0xff);
    expect(await hid.sendReports([toyReport('hello '), bad, toyReport('world')])).toBe(3);
    await waitUntil(() => l.got() === 'hello world', { what: 'the decoded bytes' });
    expect(l.t.reportErrors).toBe(1);
  });

  it('unplugged: lost once, closed; a write then fails; replugged: opens again and reads', async () => {
    const hid = new SimulatedHidBackend({ interfaces: [{ vendorId: 0x1234, productId: 0x0001 }] });
    const l = link(hid);
    await l.t.open();
    hid.unplug();
    expect(l.lost).toEqual(['HID device lost (could not read from HID device)']);
    expect(l.t.isOpen).toBe(false);
    await expect(l.t.write(Buffer.from('x'))).rejects.toThrow(/not open/);
    hid.replug();
    await l.t.open();
    await hid.sendReports([toyReport('back')]);
    await waitUntil(() => l.got() === 'back', { what: 'bytes after the replug' });
    expect(l.lost).toHaveLength(1);
  });

  it('input reports leave one per USB frame (1 ms), not all at once', async () => {
    const hid = new SimulatedHidBackend({ interfaces: [{ vendorId: 0x1234, productId: 0x0001 }] });
    const l = link(hid);
    await l.t.open();
    const t0 = performance.now();
    await hid.sendReports(Array.from({ length: 20 }, () => toyReport('.')));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(19);
    await waitUntil(() => l.got().length === 20, { what: 'twenty bytes' });
  });
});
