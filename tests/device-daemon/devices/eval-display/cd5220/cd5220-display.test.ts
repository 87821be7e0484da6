import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceCommandError } from '../../../../../device-daemon/devices/device';
import { createSimulatedCd5220 } from '../../../../../device-daemon/devices/eval-display/simulator/simulated-cd5220';
import { rejectionOf } from '../../../../helpers/rejection';
import { silent, stopAll, track, waitFor, waitState } from '../helpers';

// The CD5220 driver against the simulated 2×20 display: exact bytes on the
// wire (ESC @, CLR, ESC Q A/B/D … CR) in GB2312, paced at 9600 baud.

afterEach(stopAll);
const gb = (s: string) => iconv.encode(s, 'gb2312');
const ESC = 0x1b;

async function start() {
  const s = createSimulatedCd5220({ log: silent, baud: 9600, lifecycle: { retryDelayMs: () => 50 } });
  track(s.device);
  await s.device.start();
  return s;
}

describe('CD5220 text display against its simulator', () => {
  it('initialises (ESC @, CLR) on open; shows a short case number fixed and the prompt on the lower line', async () => {
    const s = await start();
    expect(s.device.status().state).toBe('online');
    await waitFor(() => s.display.wire.length === 3);
    expect(s.display.wire).toEqual(Buffer.from([ESC, 0x40, 0x0c]));
    await s.device.show({ url: 'https://x.example/hcp', caption: '请扫码评价', caseNo: 'WD0001-00042' });
    const shown = s.display.wire.subarray(3);
    expect(shown).toEqual(Buffer.concat([Buffer.from([0x0c, ESC, 0x51, 0x41]), Buffer.from('WD0001-00042'), Buffer.from([0x0d, ESC, 0x51, 0x42]), gb('请扫码评价'), Buffer.from([0x0d])]));
    expect([s.display.upper, s.display.lower, s.display.scrolling]).toEqual(['WD0001-00042', '请扫码评价', false]);
    expect(s.device.rates).toBe(false);
    await s.device.clear();
    expect(s.display.wire.at(-1)).toBe(0x0c);
    expect([s.display.upper, s.display.lower]).toEqual(['', '']);
  });

  it('a case number longer than 20 columns scrolls on the upper line (ESC Q D); the lower line is cut to 20 columns, never mid-character', async () => {
    const s = await start();
    await s.device.show({ url: 'u', caption: '请扫码评价本次服务，谢谢您', caseNo: 'WD0001-20250612-00042-K' });
    expect(s.display.upper).toBe('WD0001-20250612-00042-K');
    expect(s.display.scrolling).toBe(true);
    expect(s.display.lower).toBe('请扫码评价本次服务，'); // 10 characters = 20 columns
    expect(s.display.unknownBytes).toBe(0);
  });

  it('control characters in the text cannot end the command early', async () => {
    const s = await start();
    await s.device.show({ url: 'u', caption: 'a\rb\u001bc', caseNo: 'X' });
    expect(s.display.lower).toBe('abc');
    expect(s.display.unknownBytes).toBe(0);
  });

  it('unplugged: offline, a show is refused; back after replug', async () => {
    const s = await start();
    await s.device.simulator!.perform('unplug');
    expect(['offline', 'noDevice']).toContain(s.device.status().state);
    expect((await rejectionOf(s.device.show({ url: 'u', caption: 'c' }), DeviceCommandError)).code).toBe('offline');
    await s.device.simulator!.perform('replug');
    await waitState(s.device, 'online');
    await s.device.show({ url: 'u', caption: '请扫码评价', caseNo: 'A1' });
    expect(s.display.lower).toBe('请扫码评价');
  });
});
