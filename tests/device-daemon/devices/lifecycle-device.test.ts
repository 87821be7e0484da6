import { afterEach, describe, expect, it, vi } from 'vitest';
import { LifecycleDevice, NoDeviceError } from '../../../device-daemon/devices/lifecycle-device';

/** A device whose presence the test switches. */
class Switchable extends LifecycleDevice {
  present = true;
  closes = 0;
  constructor() {
    super('evalDisplay', 'test', {}, { retryDelayMs: () => 60_000 });
  }
  protected async open(): Promise<void> {
    if (!this.present) throw new NoDeviceError('switched off');
  }
  protected async close(): Promise<void> {
    this.closes++;
  }
  goAway(): void {
    this.present = false;
    this.lost('switched off');
  }
  comeBack(): void {
    this.present = true;
    this.retryNow();
  }
}

const devices: LifecycleDevice[] = [];
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

/** A device that is never attached, or whose open the test answers. */
class Opening extends LifecycleDevice {
  readonly opens: number[] = [];
  answer: (() => void) | undefined;
  constructor(private readonly how: 'absent' | 'held') {
    super('evalDisplay', 'test');
  }
  protected open(): Promise<void> {
    this.opens.push(Date.now());
    if (this.how === 'absent') return Promise.reject(new NoDeviceError('not attached'));
    return new Promise<void>((resolve) => (this.answer = resolve));
  }
  protected async close(): Promise<void> {}
}

describe('the lifecycle a device runs', () => {
  it('a device that is not attached is looked for again after 1, 2, 4, 8, 16 s, then every 30 s', async () => {
    vi.useFakeTimers();
    const d = new Opening('absent');
    devices.push(d);
    const t0 = Date.now();
    await d.start();
    expect(d.status()).toMatchObject({ state: 'noDevice', reason: 'not attached' });
    await vi.advanceTimersByTimeAsync(91_000);
    expect(d.opens.map((t) => t - t0)).toEqual([0, 1000, 3000, 7000, 15_000, 31_000, 61_000, 91_000]);
  });

  it('a lost device has its link closed once, then is opened again when it comes back', async () => {
    const d = await started();
    d.goAway();
    expect(d.state).toBe('offline');
    expect(d.closes).toBe(1);
    const back = d.waitForState((s) => s === 'online');
    d.comeBack();
    await back;
    expect(d.closes).toBe(1);
  });

  it('stopped while it opens: the open that succeeds afterwards does not bring it online', async () => {
    const d = new Opening('held');
    const starting = d.start();
    await d.stop();
    await starting;
    d.answer?.();
    await new Promise((r) => setImmediate(r)); // let the answered open settle
    expect(d.opens).toHaveLength(1);
    expect(d.state).toBe('offline');
  });
});
