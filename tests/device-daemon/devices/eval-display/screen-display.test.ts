import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performSim } from '../../../../device-daemon/capabilities/system';
import { Bus } from '../../../../device-daemon/bus';
import { parseConfig } from '../../../../device-daemon/config/load';
import type { Device } from '../../../../device-daemon/devices/device';
import { DeviceRegistry } from '../../../../device-daemon/devices/registry';
import { call, ROOT, spawnDaemon, type SpawnedDaemon } from '../../../helpers/daemon';

// devices.evalDisplay.driver "screen" is a real driver (the kiosk's own screen), not a simulator:
// it reports its own name and the simulator controls do not act on it.
describe('evaluation display on the kiosk screen', () => {
  let d: SpawnedDaemon;
  beforeAll(async () => {
    d = await spawnDaemon({ config: { devices: { evalDisplay: { driver: 'screen' } } } });
  });
  afterAll(() => d?.stop());

  const simPost = (device: string, action: string) => fetch(`${d.url}sim/${device}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

  it('reports driver "screen", online, in /health and system.status', async () => {
    const h = (await (await fetch(`${d.url}health`)).json()) as { devices: Array<{ device: string; driver: string; state: string; detail: unknown }> };
    expect(h.devices.find((x) => x.device === 'evalDisplay')).toMatchObject({ driver: 'screen', state: 'online', detail: { onScreen: true } });
    const ws = await d.connect();
    const st = await call(ws, 'system.status');
    expect(st.result.devices.find((x: { device: string }) => x.device === 'evalDisplay')).toMatchObject({ driver: 'screen', state: 'online' });
    ws.close();
  });

  it('POST /sim and sim.control refuse it, and it stays online; a simulated device next to it still answers', async () => {
    const res = await simPost('evalDisplay', 'unplug');
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/evalDisplay is not simulated \(driver screen\)/);
    const ws = await d.connect();
    const viaApi = await call(ws, 'sim.control', { device: 'evalDisplay', action: 'unplug' });
    expect(viaApi.ok).toBe(false);
    expect(viaApi.error.code).toBe('notSupported');
    const st = await call(ws, 'system.status');
    expect(st.result.devices.find((x: { device: string }) => x.device === 'evalDisplay')).toMatchObject({ driver: 'screen', state: 'online' });
    // the printer is still simulated: its controls work
    const paper = await simPost('printer', 'paperLow');
    expect(paper.status).toBe(200);
    expect((await simPost('printer', 'paperLoad')).status).toBe(200);
    ws.close();
  });
});

describe('simulator controls act only on really simulated devices', () => {
  const cfg = parseConfig(readFileSync(join(ROOT, 'kiosk.config.json'), 'utf8'));
  const fake = (driver: string) => {
    const performed: string[] = [];
    const dev = {
      id: 'evalDisplay' as const,
      driver,
      start: async () => {},
      stop: async () => {},
      status: () => ({ device: 'evalDisplay' as const, driver, state: 'online' as const, detail: {}, since: new Date().toISOString() }),
      onStatus: () => () => {},
      simulator: { actions: ['unplug' as const], perform: async (a: string) => void performed.push(a) },
    };
    return { dev, performed };
  };
  const registryWith = (dev: Device, evalDriver: string) =>
    new DeviceRegistry({ config: { ...cfg, devices: { ...cfg.devices, evalDisplay: { driver: evalDriver } as never } }, log: pino({ level: 'silent' }), bus: new Bus() }, [dev]);

  it('a device that carries simulator controls but drives real hardware is refused, and nothing is performed', async () => {
    const { dev, performed } = fake('serial');
    const r = registryWith(dev, 'simulated');
    await expect(performSim(r, 'evalDisplay', 'unplug')).rejects.toMatchObject({ code: 'notSupported' });
    expect(r.simulatedIds()).not.toContain('evalDisplay');
    expect(performed).toEqual([]);
  });

  it('a simulator object where the config names a real driver is refused too', async () => {
    const { dev, performed } = fake('simulated');
    const r = registryWith(dev, 'screen');
    await expect(performSim(r, 'evalDisplay', 'unplug')).rejects.toMatchObject({ code: 'notSupported' });
    expect(performed).toEqual([]);
  });

  it('a simulated device configured as simulated performs the action', async () => {
    const { dev, performed } = fake('simulated');
    const r = registryWith(dev, 'simulated');
    await performSim(r, 'evalDisplay', 'unplug');
    expect(performed).toEqual(['unplug']);
    expect(r.simulatedIds()).toContain('evalDisplay');
  });
});
