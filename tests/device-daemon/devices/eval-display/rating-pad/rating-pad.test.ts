import { afterEach, describe, expect, it } from 'vitest';
import { createSimulatedRatingPad } from '../../../../../device-daemon/devices/eval-display/simulator/simulated-rating-pad';
import { LEDS_ALL, LEDS_OFF } from '../../../../../device-daemon/devices/eval-display/rating-pad/pad-framing';
import { silent, stopAll, track, waitFor, waitState } from '../helpers';

// The HID rating pad driver (HidTransport + the pad framing) on the
// simulated HID backend: input reports one per 1 ms frame, LED output reports.

afterEach(stopAll);
const TARGET = { url: 'https://zwfw.example.gov.cn/hcp?case=X', caption: 'c', caseNo: 'X' };

async function start(debounceMs = 150) {
  const s = createSimulatedRatingPad({ log: silent, debounceMs, lifecycle: { retryDelayMs: () => 50 } });
  const t = track(s.device);
  await s.device.start();
  return { ...s, presses: t.presses };
}

describe('HID rating pad against its simulator', () => {
  it('finds the pad by its vendor-defined usage page, LEDs off on open, all on while a rating is invited', async () => {
    const s = await start();
    expect(s.device.status()).toMatchObject({ state: 'online', detail: { link: expect.stringMatching(/^hid:\/dev\/hidraw-sim-.*\/rating-pad$/) } });
    await s.device.show(TARGET);
    await s.device.clear();
    expect(s.pad.leds).toEqual([LEDS_OFF, LEDS_ALL, LEDS_OFF]);
  });

  for (const key of [1, 2, 3, 4, 5]) {
    it(`key ${key} is level ${6 - key}`, async () => {
      const s = await start();
      await s.device.show(TARGET);
      await s.pad.press(key);
      await waitFor(() => s.presses.length === 1);
      expect(s.presses[0]!.level).toBe(6 - key);
    });
  }

  it('a bouncing contact is one press; a press after the debounce time with nothing shown is ignored', async () => {
    const s = await start(150);
    await s.device.show(TARGET);
    await s.pad.press(2, 3);
    await waitFor(() => s.presses.length === 1);
    expect(s.presses.map((p) => p.level)).toEqual([4]);
    expect(s.device.status().detail.ignored).toBe(0);
  });

  it('reports with a key number past 5 are malformed: no press', async () => {
    const s = await start(0);
    await s.device.show(TARGET);
    await s.device.simulator!.perform('evalGarbage');
    await s.pad.press(5);
    await waitFor(() => s.presses.length === 1);
    expect(s.presses.map((p) => p.level)).toEqual([1]);
  });

  it('unplug and replug through the simulator controls', async () => {
    const s = await start();
    await s.device.simulator!.perform('unplug');
    expect(['offline', 'noDevice']).toContain(s.device.status().state);
    await s.device.simulator!.perform('replug');
    await waitState(s.device, 'online');
    await s.device.show(TARGET);
    await s.device.simulator!.perform('rate', '5');
    await waitFor(() => s.presses.length === 1);
    expect(s.presses[0]!.level).toBe(5);
  });
});
