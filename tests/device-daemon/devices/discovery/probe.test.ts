import { afterEach, describe, expect, it } from 'vitest';
import { discoverSerialPorts } from '../../../../device-daemon/devices/discovery/serial-ports';
import { bindingSection } from '../../../../device-daemon/devices/discovery/device-binding';
import { probeDevice } from '../../../../device-daemon/devices/discovery/probe';
import { INSTANT_TIMING, SamSimulator } from '../../../../device-daemon/devices/id-card/simulator/sam-simulator';
import { PrinterEmulator } from '../../../../device-daemon/devices/printer/emulator/printer-emulator';
import { SimulatedSerialPort } from '../../../../device-daemon/devices/simulation/simulated-serial-port';
import type { BindingInterface } from '../../../../device-daemon/devices/transport/serial-binding';

// The real byte simulators behind serialport's mock binding, each with its own USB identity, as a technician's
// machine with a reader, a printer and a silent device on it. One binding lists and opens all three.
const stops: Array<() => void> = [];
afterEach(() => {
  for (const s of stops.splice(0)) s();
});

function bench() {
  const sam = new SamSimulator({ timing: INSTANT_TIMING });
  const reader = new SimulatedSerialPort({ receive: (c) => sam.receive(c) }, { kind: 'probe-idcard', manufacturer: 'SAM reader', vendorId: '0400', productId: 'c35a', serialNumber: 'R1' });
  sam.wire = { send: async (frame) => void (await reader.send(frame)) };
  const emu = new PrinterEmulator({ encoding: 'GB18030', paperWidthDots: 576, nativeQr: true, autoStatusBack: false, nearEndSensor: true });
  const printer = new SimulatedSerialPort({ receive: (c) => emu.receive(c) }, { kind: 'probe-printer', manufacturer: 'ESC/POS printer', vendorId: '0416', productId: '5011', serialNumber: 'P1' });
  emu.onReply((b) => void printer.send(b));
  const silent = new SimulatedSerialPort({ receive: () => {} }, { kind: 'probe-silent', manufacturer: 'GPS mouse', vendorId: '067b', productId: '2303', serialNumber: 'S1' });
  stops.push(
    () => sam.stop(),
    () => emu.dispose(),
  );
  const ports = [reader, printer, silent];
  const binding: BindingInterface = {
    list: async () => (await Promise.all(ports.map((p) => p.binding.list()))).flat(),
    open: (o) => {
      const p = ports.find((x) => x.path === o.path);
      if (!p) throw new Error(`no such device: ${o.path}`);
      return p.binding.open(o);
    },
  };
  return { binding };
}

describe('probing a bound port in the device’s own protocol', () => {
  it('the reader answers SAM status and the printer DLE EOT 1, each found again by the USB identity just written', async () => {
    const { binding } = bench();
    const found = await discoverSerialPorts({ list: () => binding.list(), byIdDir: '/nonexistent' });
    const reader = found.find((p) => p.id === 'serial:0400:c35a:R1')!;
    const printer = found.find((p) => p.id === 'serial:0416:5011:P1')!;

    const r = await probeDevice('idCardReader', bindingSection('idCardReader', reader), { serialBinding: binding });
    expect(r).toEqual({ answered: true, probed: true, detail: 'SAM status answered 0x90 (ready)' });
    const p = await probeDevice('printer', bindingSection('printer', printer), { serialBinding: binding });
    expect(p).toMatchObject({ answered: true, probed: true });
    expect(p.detail).toMatch(/^DLE EOT 1 answered 0x[0-9a-f]{2} \(online\)$/);
  });

  it('a device that is not a printer does not answer DLE EOT, and the probe says so', async () => {
    const { binding } = bench();
    const found = await discoverSerialPorts({ list: () => binding.list(), byIdDir: '/nonexistent' });
    const silent = found.find((p) => p.id === 'serial:067b:2303:S1')!;
    const p = await probeDevice('printer', bindingSection('printer', silent), { serialBinding: binding, timeoutMs: 200 });
    expect(p).toEqual({ answered: false, probed: true, detail: 'no answer to DLE EOT 1 within 200 ms (wrong port, baud or device)' });
  });

  it('a bound device that is not attached any more cannot be opened, and the probe says so', async () => {
    const { binding } = bench();
    const p = await probeDevice('idCardReader', { driver: 'serial', vendorId: '0400', productId: 'ffff' }, { serialBinding: binding });
    expect(p.answered).toBe(false);
    expect(p.detail).toMatch(/^cannot open it: no serial device 0400:ffff is attached/);
  });

  it('says that the evaluation display is not probed rather than pretending it answered', async () => {
    const p = await probeDevice('evalDisplay', { driver: 'serial', path: '/dev/serial/by-id/x' });
    expect(p).toMatchObject({ answered: false, probed: false });
  });
});
