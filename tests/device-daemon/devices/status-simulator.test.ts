import { afterEach, describe, expect, it } from 'vitest';
import { StatusSimulator } from '../../../device-daemon/devices/status-simulator';
import { DeviceCommandError } from '../../../device-daemon/devices/device';

const devices: StatusSimulator[] = [];
afterEach(async () => {
  for (const d of devices.splice(0)) await d.stop();
});

describe('presence-only simulator', () => {
  it('unplug and replug move it between online and offline; a handler patches its detail', async () => {
    const d = new StatusSimulator('evalDisplay', { showing: null }, { scan: (sim, param) => sim.patch({ showing: param ?? null }) });
    devices.push(d);
    await d.start();
    expect(d.simulator!.actions).toEqual(['unplug', 'replug', 'scan']);
    await d.simulator!.perform('scan', 'https://example.org/x');
    expect(d.status().detail.showing).toBe('https://example.org/x');
    await d.simulator!.perform('unplug');
    expect(d.state).not.toBe('online');
    await d.simulator!.perform('replug');
    await d.waitForState((s) => s === 'online');
    expect(d.state).toBe('online');
  });

  it('an action it has no handler for is refused with notSupported (a DeviceCommandError the API maps)', async () => {
    const d = new StatusSimulator('evalDisplay', {}, {});
    devices.push(d);
    await d.start();
    const refusal = d.simulator!.perform('paperOut');
    await expect(refusal).rejects.toBeInstanceOf(DeviceCommandError);
    await expect(refusal).rejects.toMatchObject({ code: 'notSupported' });
  });
});
