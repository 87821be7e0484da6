import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedSerialPort } from '../../../../device-daemon/devices/simulation/simulated-serial-port';
import { SerialTransport } from '../../../../device-daemon/devices/transport/serial-transport';
import { NoDeviceError } from '../../../../device-daemon/devices/lifecycle-device';
import { waitUntil } from '../../../helpers/wait';

// The shared simulated serial port, driven from the host side by the real
// SerialTransport (serialport 13's SerialPort on the port's binding), as
// every simulated driver is.

/** A device that records what reaches it and the power events it sees. */
function recorder() {
  const chunks: Buffer[] = [];
  const power: string[] = [];
  return {
    chunks,
    power,
    received: () => Buffer.concat(chunks),
    device: { receive: (c: Buffer) => void chunks.push(c), powerOff: () => void power.push('off'), powerOn: () => void power.push('on') },
  };
}

const links: SerialTransport[] = [];
afterEach(async () => {
  for (const t of links.splice(0)) await t.close();
});

/** The host side: a SerialTransport on the port, recording what arrives and why the link was lost. */
async function host(port: SimulatedSerialPort, baudRate: number, extra: Partial<ConstructorParameters<typeof SerialTransport>[0]> = {}) {
  const t = new SerialTransport({ path: port.path, baudRate, binding: port.binding, ...extra });
  links.push(t);
  const rx: Buffer[] = [];
  const lost: string[] = [];
  t.onData((c) => rx.push(c));
  t.onLost((r) => lost.push(r));
  await t.open();
  return { t, rx, lost, got: () => Buffer.concat(rx) };
}

const text = (n: number) => Buffer.from('0123456789ABCDEF'.repeat(Math.ceil(n / 16)).slice(0, n));

describe('simulated serial port: pacing, in both directions', () => {
  it('a host write reaches the device at the baud, in order and in bursts; write() resolves once it has all arrived (drain)', async () => {
    const d = recorder();
    const port = new SimulatedSerialPort(d.device, { kind: 'test', manufacturer: 'test' });
    const h = await host(port, 9600);
    const data = text(96); // 100 ms on the wire at 9600 baud
    const t0 = performance.now();
    await h.t.write(data);
    // Timers keep whole milliseconds: the last may fire up to 1 ms before performance.now() says it is due (seen: 98.94 ms).
    expect(performance.now() - t0).toBeGreaterThanOrEqual(98);
    expect(d.received()).toEqual(data);
    expect(d.chunks.length).toBeGreaterThan(5); // 4 ms bursts, not one lump
  });

  it('what the device sends reaches the host at the baud; send() resolves with the bytes delivered', async () => {
    const port = new SimulatedSerialPort(recorder().device, { kind: 'test', manufacturer: 'test' });
    const h = await host(port, 9600);
    const data = text(48); // 50 ms
    const t0 = performance.now();
    expect(await port.send(data)).toBe(48);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(48);
    await waitUntil(() => h.got().length === 48, { what: 'all bytes at the host' });
    expect(h.got()).toEqual(data);
    expect(h.rx.length).toBeGreaterThan(1);
  });

  it('sends queue behind each other: two replies never interleave', async () => {
    const port = new SimulatedSerialPort(recorder().device, { kind: 'test', manufacturer: 'test' });
    const h = await host(port, 115200);
    const a = Buffer.alloc(300, 0x61);
    const b = Buffer.alloc(300, 0x62);
    await Promise.all([port.send(a), port.send(b)]);
    await waitUntil(() => h.got().length === 600, { what: 'both replies' });
    expect(h.got()).toEqual(Buffer.concat([a, b]));
  });

  it('a reply cut at an exact byte: the host gets exactly those bytes', async () => {
    const port = new SimulatedSerialPort(recorder().device, { kind: 'test', manufacturer: 'test' });
    const h = await host(port, 115200);
    for (const cut of [1, 7, 46, 47, 500]) {
      h.rx.length = 0;
      expect(await port.send(text(1000), { cutAt: cut })).toBe(cut);
      await waitUntil(() => h.got().length === cut, { what: `${cut} bytes` });
      // The next reply starts clean after the cut one.
      expect(await port.send(Buffer.from('#'))).toBe(1);
      await waitUntil(() => h.got().length === cut + 1, { what: 'the marker' });
      expect(h.got()).toEqual(Buffer.concat([text(1000).subarray(0, cut), Buffer.from('#')]));
    }
  });

  it('with no host attached a send delivers nothing', async () => {
    const port = new SimulatedSerialPort(recorder().device, { kind: 'test', manufacturer: 'test' });
    expect(port.connected).toBe(false);
    expect(await port.send(Buffer.from('lost'))).toBe(0);
  });
});

describe('simulated serial port: unplug and replug', () => {
  it('unplug: the driver sees a disconnect once, bytes already at the host are still read, the port is gone; replug: it opens again and the device powers up', async () => {
    const d = recorder();
    const port = new SimulatedSerialPort(d.device, { kind: 'test', manufacturer: 'test' });
    const h = await host(port, 9600);
    expect(await port.send(text(20))).toBe(20);
    port.unplug();
    await waitUntil(() => h.lost.length > 0, { what: 'the loss' });
    expect(h.lost).toEqual([expect.stringMatching(/^serial device disconnected \(simulated test unplugged \(USB device gone\)\)$/)]);
    expect(h.got()).toEqual(text(20));
    expect(h.t.isOpen).toBe(false);
    expect(port.connected).toBe(false);
    expect(d.power).toEqual(['off']);
    expect(await port.binding.list()).toEqual([]);
    await expect(h.t.open()).rejects.toBeInstanceOf(NoDeviceError);
    port.replug();
    expect(d.power).toEqual(['off', 'on']);
    await h.t.open();
    await h.t.write(Buffer.from('again'));
    expect(d.received().toString()).toBe('again');
    expect(h.lost).toHaveLength(1);
  });

  it('unplugged during a write: the write fails and the device got only what was on the wire before', async () => {
    const d = recorder();
    const port = new SimulatedSerialPort(d.device, { kind: 'test', manufacturer: 'test' });
    const h = await host(port, 9600);
    const write = h.t.write(text(200)); // ~208 ms
    await waitUntil(() => d.received().length >= 20, { what: 'the first bytes at the device' });
    port.unplug();
    await expect(write).rejects.toThrow(/unplugged|closed/);
    expect(d.received().length).toBeLessThan(200);
    expect(d.received()).toEqual(text(200).subarray(0, d.received().length));
  });

  it('a device that sends while unplugged reaches nobody, and nothing of it is read after the replug', async () => {
    const port = new SimulatedSerialPort(recorder().device, { kind: 'test', manufacturer: 'test' });
    const h = await host(port, 115200);
    port.unplug();
    await waitUntil(() => h.lost.length > 0, { what: 'the loss' });
    expect(await port.send(Buffer.from('while away'))).toBe(0);
    port.replug();
    await h.t.open();
    expect(await port.send(Buffer.from('back'))).toBe(4);
    await waitUntil(() => h.got().length === 4, { what: 'the reply after replug' });
    expect(h.got().toString()).toBe('back');
  });
});

describe('simulated serial port: identity in the shared MockBinding table', () => {
  it('every port has its own path; found by USB ids and serial number the way hardware is', async () => {
    const a = new SimulatedSerialPort(recorder().device, { kind: 'printer', manufacturer: 'A', vendorId: '0483', productId: '5743', serialNumber: 'PRN-1' });
    const b = new SimulatedSerialPort(recorder().device, { kind: 'printer', manufacturer: 'B', vendorId: '0483', productId: '5743', serialNumber: 'PRN-2' });
    expect(a.path).toMatch(/^\/dev\/sim-printer-[0-9a-f]{8}$/);
    expect(a.path).not.toBe(b.path);
    expect(await b.binding.list()).toEqual([expect.objectContaining({ path: b.path, manufacturer: 'B', serialNumber: 'PRN-2', vendorId: '0483' })]);
    // By identity, not by path: what a replug that renumbers /dev/ttyUSBn needs.
    const h = await host(b, 115200, { path: undefined, vendorId: '0x0483', productId: '5743', serialNumber: 'PRN-2' });
    expect(h.t.describe).toBe(`serial:${b.path}@115200`);
    const wrongSerial = new SerialTransport({ vendorId: '0483', productId: '5743', serialNumber: 'PRN-1', baudRate: 115200, binding: b.binding });
    await expect(wrongSerial.open()).rejects.toThrow(/no serial device 0483:5743 serial PRN-1 is attached/);
  });
});
