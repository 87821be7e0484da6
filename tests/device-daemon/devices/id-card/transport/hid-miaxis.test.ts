import { afterEach, describe, expect, it } from 'vitest';
import type { ByteTransport } from '../../../../../device-daemon/devices/transport/byte-transport';
import { HidTransport } from '../../../../../device-daemon/devices/transport/hid-transport';
import { miaxisWrapper } from '../../../../../device-daemon/devices/id-card/transport/hid-miaxis';
import { SamSimulator, INSTANT_TIMING } from '../../../../../device-daemon/devices/id-card/simulator/sam-simulator';
import { SimHidReader } from '../../../../../device-daemon/devices/id-card/simulator/sim-hid';
import { buildResponse, fromHex, SamFrameParser, toHex } from '../../../../../device-daemon/devices/id-card/codec/sam-frame';
import { requestFrame } from '../../../../../device-daemon/devices/id-card/codec/sam-commands';
import { buildReadBase } from '../../../../../device-daemon/devices/id-card/codec/read-base';
import { errorCode, readerOn, waitFor, waitState } from '../helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const device = (transport: ByteTransport, driver: string) => readerOn(transport, driver, cleanups);

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
    const d = device(new HidTransport({ framing: miaxisWrapper, backend: hid.backend }), 'hid');
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
