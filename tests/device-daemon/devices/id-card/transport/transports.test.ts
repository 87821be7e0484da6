import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IdCardReaderDevice } from '../../../../../device-daemon/devices/id-card/reader-device';
import { SerialReaderTransport } from '../../../../../device-daemon/devices/id-card/transport/serial-transport';
import { HidReaderTransport } from '../../../../../device-daemon/devices/id-card/transport/hid-transport';
import { miaxisWrapper } from '../../../../../device-daemon/devices/id-card/transport/hid-miaxis';
import { SamSimulator, INSTANT_TIMING } from '../../../../../device-daemon/devices/id-card/simulator/sam-simulator';
import { SimPty } from '../../../../../device-daemon/devices/id-card/simulator/sim-pty';
import { SimHidReader } from '../../../../../device-daemon/devices/id-card/simulator/sim-hid';
import { simCard } from '../../../../../device-daemon/devices/id-card/simulator/sim-cards';
import { buildResponse, fromHex, SamFrameParser, toHex } from '../../../../../device-daemon/devices/id-card/codec/sam-frame';
import { requestFrame } from '../../../../../device-daemon/devices/id-card/codec/sam-commands';
import { buildReadBase } from '../../../../../device-daemon/devices/id-card/codec/read-base';
import { ROOT } from '../../../../helpers/daemon';
import { errorCode, silent, waitFor, waitState } from '../helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function device(transport: ConstructorParameters<typeof IdCardReaderDevice>[0]['transport'], driver: string) {
  const d = new IdCardReaderDevice({ transport, driver, log: silent, pollIntervalMs: 20, removalPollMs: 40, baseDir: ROOT, lifecycle: { retryDelayMs: () => 80 } });
  cleanups.push(() => d.stop());
  return d;
}

describe('serial transport on a real pseudo-terminal (native serialport binding, python3 pty)', () => {
  it('reads cards of every kind at 115200, paced at the wire rate', async () => {
    const sim = new SamSimulator({ timing: INSTANT_TIMING });
    const link = join(tmpdir(), `idcard-test-${process.pid}-${Date.now()}`);
    const pty = new SimPty(sim, link, 115200);
    cleanups.push(() => pty.stop());
    await pty.plug();
    const d = device(new SerialReaderTransport({ path: link, baudRate: 115200 }), 'serial');
    await d.start();
    expect(d.status().state).toBe('online');
    for (const id of ['resident-young', 'foreign-2023', 'foreign-old', 'hk-permit']) {
      d.wipeSession();
      sim.swap(id);
      const t0 = performance.now();
      const read = await d.read(3000);
      const ms = performance.now() - t0;
      expect(read.record.idNumber).toBe(simCard(id).record.idNumber);
      // find + select + read + appended address ≈ 1450 bytes ≈ 126 ms on the wire; it cannot be faster than the wire
      expect(ms).toBeGreaterThan(110);
    }
  });

  it('unplug mid-read ends the read with transportLost; the reader is found again under the same path after replug', async () => {
    const sim = new SamSimulator({ timing: { ...INSTANT_TIMING, readMs: 150 } });
    const link = join(tmpdir(), `idcard-test-${process.pid}-${Date.now()}-b`);
    const pty = new SimPty(sim, link, 115200);
    cleanups.push(() => pty.stop());
    await pty.plug();
    const d = device(new SerialReaderTransport({ path: link, baudRate: 115200 }), 'serial');
    await d.start();
    sim.place('resident-valid');
    const p = errorCode(d.read(3000));
    await waitFor(() => sim.received.some((r) => r.cmd === 0x30 && r.para === 0x01), 2000, 'read request');
    await pty.unplug();
    expect(await p).toBe('transportLost');
    await waitFor(() => ['offline', 'noDevice'].includes(d.status().state), 2000, 'offline');
    await pty.replug();
    await waitState(d, 'online', 8000); // python start-up plus one backoff step; generous for a loaded CI box
    expect((await d.read(2000)).record.name).toBe('林晓禾');
  });
});

describe('Miaxis HID wrapper', () => {
  it('wraps a find request exactly as the vendor driver does (88, SRN, LE length, B1, frame, LE additive sum)', () => {
    const [report] = miaxisWrapper.hostEncode(requestFrame('findCard'));
    // sum of 0B 00 B1 AA AA AA 96 69 00 03 20 01 22 = 0x03FF
    expect(toHex(report!.subarray(0, 21))).toBe('88 00 00 0B 00 B1 AA AA AA 96 69 00 03 20 01 22 FF 03 00 00 00');
    expect(report!.length).toBe(64);
    expect(miaxisWrapper.deviceDecoder().push(report!)).toEqual(requestFrame('findCard'));
  });

  it('carries a 1295-byte read reply across 24 reports and the host reassembles it; corrupt reports are dropped and counted', () => {
    const frame = buildResponse(0x90, buildReadBase(Buffer.alloc(256, 0x20), Buffer.alloc(1024, 0x77)));
    const reports = miaxisWrapper.deviceEncode(frame);
    expect(reports).toHaveLength(Math.ceil(1295 / 54));
    const dec = miaxisWrapper.hostDecoder();
    const parser = new SamFrameParser('response');
    const got = reports.flatMap((r) => parser.push(dec.push(r)));
    expect(got).toHaveLength(1);
    expect(got[0]!.ok && got[0]!.frame.equals(frame)).toBe(true);
    const bad = Buffer.from(reports[0]!);
    bad.writeUInt8(bad.readUInt8(10) ^ 0x01, 10);
    expect(dec.push(bad)).toHaveLength(0);
    expect(dec.push(fromHex('00 01 02'))).toHaveLength(0);
    expect(dec.errors).toBe(2);
  });

  it('the driver reads through the HID transport and survives unplug/replug', async () => {
    const sim = new SamSimulator({ timing: INSTANT_TIMING, card: 'foreign-2023' });
    const hid = new SimHidReader(sim, miaxisWrapper);
    cleanups.push(() => sim.stop());
    const d = device(new HidReaderTransport({ wrapper: miaxisWrapper, backend: hid }), 'hid');
    await d.start();
    expect(d.status().state).toBe('online');
    expect(String(d.status().detail.link)).toContain('/miaxis');
    expect((await d.read(3000)).record.englishName).toBe('SCHMIDT-WEBER, ANNA KATHARINA MARIA SAMPLE');
    hid.unplug();
    await waitFor(() => ['offline', 'noDevice'].includes(d.status().state), 2000, 'offline');
    expect(await errorCode(d.read(1000))).toMatch(/^(offline|noDevice)$/);
    hid.replug();
    d.attached();
    await waitState(d, 'online', 3000);
    d.wipeSession();
    sim.swap('hk-permit');
    expect((await d.read(3000)).record.region).toBe('HK');
  });
});
