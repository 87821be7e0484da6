import { afterEach, describe, expect, it, vi } from 'vitest';
import { LifecycleDevice, NoDeviceError } from '../../../device-daemon/devices/lifecycle-device';

/** A device whose presence the test switches. */
class Switchable extends LifecycleDevice {
  present = true;
  constructor() {
    super('evalDisplay', 'test', {}, { retryDelayMs: () => 60_000 });
  }
  protected async open(): Promise<void> {
    if (!this.present) throw new NoDeviceError('switched off');
  }
  protected async close(): Promise<void> {}
  goAway(): void {
    this.present = false;
    this.lost('switched off');
  }
  comeBack(): void {
    this.present = true;
    this.retryNow();
  }
}

const devices: Switchable[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const d of devices.splice(0)) await d.stop();
});
async function started() {
  const d = new Switchable();
  devices.push(d);
  await d.start();
  return d;
}

describe('waitForState (how simulator controls answer with the status they caused)', () => {
  it('resolves at once when the state already fits', async () => {
    const d = await started();
    let done = false;
    const p = d.waitForState((s) => s === 'online').then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(true);
    await p;
  });

  it('resolves on the status change that makes it fit, not before', async () => {
    const d = await started();
    const seen: string[] = [];
    const p = d.waitForState((s) => s === 'offline').then(() => seen.push(`resolved in ${d.state}`));
    await Promise.resolve();
    expect(seen).toEqual([]);
    d.goAway();
    await p;
    expect(seen).toEqual(['resolved in offline']);
    const back = d.waitForState((s) => s === 'online');
    d.comeBack();
    await back;
    expect(d.state).toBe('online');
  });

  it('gives up after maxMs whatever the state', async () => {
    const d = await started();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let done = false;
    const p = d.waitForState((s) => s === 'hardwareError', 1500).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await p;
    expect(done).toBe(true);
    expect(d.state).toBe('online');
  });
});
