import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceCommandError } from '../../../../../device-daemon/devices/device';
import { NextionError } from '../../../../../device-daemon/devices/eval-display/nextion/nextion-display';
import { RETURN_CODES } from '../../../../../device-daemon/devices/eval-display/nextion/instructions';
import { RECENT_LIMIT } from '../../../../../device-daemon/devices/simulation/recent';
import { rejectionOf } from '../../../../helpers/rejection';
import { startNextion, stopAll, waitFor, waitState, wire } from '../helpers';

// The Nextion driver (SerialTransport + NextionFramer) against the simulated
// display: real bytes through serialport's MockBinding, paced at 9600 baud.

afterEach(stopAll);
const URL = 'https://zwfw.example.gov.cn/hcp?case=WD0001-20250612-00042-K&t=WD0001';
const TARGET = { url: URL, caption: '办件 WD0001-20250612-00042-K 请扫码评价', caseNo: 'WD0001-20250612-00042-K' };

describe('Nextion evaluation display against its simulator', () => {
  it('connects with the connect handshake, sets bkcmd=3, shows the idle page: exact bytes', async () => {
    const s = await startNextion();
    expect(s.device.status()).toMatchObject({ state: 'online', driver: 'simulated', detail: { model: 'NX4832T035_011R', showing: null } });
    expect(s.display.receivedBytes).toEqual([wire('connect'), wire('bkcmd=3'), wire('page idle')]);
    expect(s.display.pageName).toBe('idle');
  });

  it('show: page, sendme, the QR text and the caption, each terminated; clear goes back to the idle page', async () => {
    const s = await startNextion();
    const before = s.display.receivedBytes.length;
    await s.device.show(TARGET);
    expect(s.display.receivedBytes.slice(before)).toEqual([wire('page eval'), wire('sendme'), wire(`qr0.txt="${URL}"`), wire(`t0.txt="${TARGET.caption}"`)]);
    expect(s.display.text.get('qr0')).toBe(URL);
    expect(s.display.text.get('t0')).toBe(TARGET.caption);
    expect(s.display.pageName).toBe('eval');
    expect(s.device.status().detail.showing).toBe(URL);
    await s.device.clear();
    expect(s.display.receivedBytes.at(-1)).toEqual(wire('page idle'));
    expect(s.device.status().detail.showing).toBeNull();
  });

  it('escapes quotes and backslashes, turns line breaks into \\r and drops other control characters', async () => {
    const s = await startNextion();
    await s.device.show({ url: URL, caption: 'say "好" \\ back\nline2\u0007' });
    expect(s.display.received.at(-1)).toBe('t0.txt="say \\"好\\" \\\\ back\\rline2"');
    expect(s.display.text.get('t0')).toBe('say "好" \\ back\nline2');
  });

  it('keeps only the latest instructions it received, each owning its bytes (a simulated display runs for months)', async () => {
    // A line rate no display has, so that more instructions than the record keeps pass in a second.
    const s = await startNextion({ baud: 2_000_000 });
    for (let i = 0; s.display.received.length < RECENT_LIMIT && i < RECENT_LIMIT; i++) await s.device.show({ ...TARGET, caption: `办件 ${i}` });
    for (let i = 0; i < 200; i++) await s.device.show({ ...TARGET, caption: `再 ${i}` });
    expect(s.display.received.length).toBeLessThanOrEqual(RECENT_LIMIT);
    expect(s.display.receivedBytes.length).toBe(s.display.received.length);
    expect(s.display.received.at(-1)).toBe('t0.txt="再 199"');
    expect(s.display.receivedBytes.every((b) => b.buffer.byteLength === b.length)).toBe(true);
  });

  it('sends text in GB2312 when the display is set to it', async () => {
    const s = await startNextion({ layout: { encoding: 'gb2312' } });
    await s.device.show({ url: URL, caption: '请扫码评价' });
    expect(s.display.receivedBytes.at(-1)).toEqual(wire(Buffer.concat([Buffer.from('t0.txt="'), iconv.encode('请扫码评价', 'gb2312'), Buffer.from('"')])));
    expect(s.display.receivedBytes.at(-1)!.subarray(8, 10)).toEqual(Buffer.from([0xc7, 0xeb])); // 请 in GB2312
    expect(s.display.text.get('t0')).toBe('请扫码评价');
  });

  it('every return code becomes a device error naming the code and the instruction', async () => {
    const s = await startNextion();
    for (const code of Object.keys(RETURN_CODES)
      .map(Number)
      .filter((c) => c !== 0x01)) {
      s.display.failNext(code);
      const err = await rejectionOf(s.device.show(TARGET), NextionError);
      expect(err.returnCode).toBe(code);
      expect(err.instruction).toBe('page eval');
      expect(err.code).toBe('hardwareError');
      expect(err.message).toContain(`0x${code.toString(16).padStart(2, '0')} ${RETURN_CODES[code]}`);
      expect(err.message).toContain('"page eval"');
    }
    expect(s.device.status().state).toBe('online');
  });

  it("the display's own refusal reaches the caller: a component the HMI project lacks (0x1A)", async () => {
    const s = await startNextion();
    s.display.layout.textComponents.splice(0); // an HMI project without the QR and caption components
    const err = await rejectionOf(s.device.show(TARGET), NextionError);
    expect([err.returnCode, err.instruction]).toEqual([0x1a, `qr0.txt="${URL}"`]);
  });

  for (const [i, label] of ['非常满意', '满意', '基本满意', '不满意', '非常不满意'].entries()) {
    it(`a touch on ratingComponents[${i}] is ${label} (level ${5 - i})`, async () => {
      const s = await startNextion({ layout: { ratingComponents: [11, 12, 13, 14, 15] } });
      await s.device.show(TARGET);
      await s.display.touch(11 + i);
      await waitFor(() => s.presses.length === 1, 3000, 'a press');
      expect(s.presses[0]!.level).toBe(5 - i);
      expect(s.device.status().detail).toMatchObject({ presses: 1, showing: null });
    });
  }

  it('one invitation takes one press: a second touch, a touch while idle, a touch of another component are ignored', async () => {
    const s = await startNextion();
    await s.display.touch(1); // nothing shown yet
    await s.device.show(TARGET);
    await s.display.touch(9); // not a level button
    await s.display.touch(2);
    await s.display.touch(1);
    await waitFor(() => s.device.status().detail.ignored === 3, 3000, 'three ignored touches');
    expect(s.presses.map((p) => p.level)).toEqual([4]);
  });

  it('garbage between frames is counted and never eats the touch that follows it', async () => {
    const s = await startNextion();
    await s.device.show(TARGET);
    await s.display.garbage(Buffer.from([0x42, 0x13, 0xff, 0xff, 0xff, 0x65, 0x01]));
    await s.display.touch(3);
    await waitFor(() => s.presses.length === 1, 3000, 'a press after garbage');
    expect(s.presses[0]!.level).toBe(3);
    expect(Number(s.device.status().detail.garbageBytes)).toBeGreaterThanOrEqual(5);
    // And the driver still talks to the display.
    await s.device.clear();
    expect(s.display.pageName).toBe('idle');
  });

  it('a display that does not answer connect is noDevice (presence is the handshake, not the port)', async () => {
    const { createSimulatedNextion } = await import('../../../../../device-daemon/devices/eval-display/simulator/simulated-nextion');
    const { LAYOUT, silent, track } = await import('../helpers');
    const s = createSimulatedNextion({ log: silent, baud: 9600, layout: LAYOUT, lifecycle: { retryDelayMs: () => 60_000 } });
    s.display.mute = true;
    track(s.device);
    await s.device.start();
    expect(s.device.status().state).toBe('noDevice');
    expect(s.device.status().reason).toMatch(/no Nextion display answered connect/);
  });

  it('unplug mid-show: the show fails with transportLost, the device goes offline, and is back after replug', async () => {
    const s = await startNextion();
    const p = rejectionOf(s.device.show({ url: `${URL}${'x'.repeat(200)}`, caption: 'c' }), DeviceCommandError);
    await waitFor(() => s.display.received.includes('sendme'), 3000, 'the show under way');
    await s.device.simulator!.perform('unplug');
    expect(['transportLost', 'timeout']).toContain((await p).code);
    expect(['offline', 'noDevice']).toContain(s.device.status().state);
    await s.device.simulator!.perform('replug');
    await waitState(s.device, 'online');
    await s.device.show(TARGET);
    expect(s.display.text.get('qr0')).toBe(URL);
  });

  it('stopped while an instruction is still being written (daemon shutdown mid-show): the show fails, nothing is left unhandled', async () => {
    // An answer rejected by the stop while its instruction was still being written had no handler yet, and
    // Node's unhandled-rejection exit took the daemon down at SIGTERM (seen in the layout sweep). This test
    // does not reliably land in that window (it passed before the fix too): it guards the outcome, not the race.
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const s = await startNextion();
      const p = rejectionOf(s.device.show({ url: `${URL}${'x'.repeat(400)}`, caption: 'c' }), DeviceCommandError);
      await waitFor(() => s.display.received.includes('sendme'), 3000, 'the show under way');
      await s.device.stop();
      expect((await p).code).toBe('offline');
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('health: a periodic sendme; a display that stops answering is reopened', async () => {
    const s = await startNextion({ healthIntervalMs: 40 });
    await waitFor(() => s.display.received.filter((r) => r === 'sendme').length >= 2, 3000, 'two health checks');
    s.display.mute = true;
    await waitFor(() => s.device.status().state !== 'online', 3000, 'the silent display noticed');
    s.display.mute = false;
    await waitState(s.device, 'online');
    expect(s.display.received.filter((r) => r === 'connect').length).toBeGreaterThanOrEqual(2);
  });

  it('simulator controls: rate by level or label, evalGarbage, evalReturnCode', async () => {
    const s = await startNextion();
    await s.device.show(TARGET);
    await s.device.simulator!.perform('rate', '不满意');
    await waitFor(() => s.presses.length === 1);
    expect(s.presses[0]!.level).toBe(2);
    await s.device.simulator!.perform('evalGarbage', 'aa bb');
    await waitFor(() => Number(s.device.status().detail.garbageBytes) >= 2);
    await s.device.simulator!.perform('evalReturnCode', '24');
    expect((await rejectionOf(s.device.show(TARGET), NextionError)).returnCode).toBe(0x24);
    await expect(s.device.simulator!.perform('rate', '6')).rejects.toMatchObject({ code: 'invalidArgs' });
  });
});
