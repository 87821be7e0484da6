import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../../../contract/domain/china-time';
import type { DeviceStatus } from '../../../../contract/api';
import { DEMO_MARK } from '../../../../contract/api/demo';
import { Bus } from '../../../../device-daemon/bus';
import { storeCapabilities } from '../../../../device-daemon/capabilities';
import { createCardCapability } from '../../../../device-daemon/capabilities/card';
import { createPrinterCapability } from '../../../../device-daemon/capabilities/printer';
import { createPrintPath } from '../../../../device-daemon/capabilities/printer/print-path';
import { createSystemCapability } from '../../../../device-daemon/capabilities/system';
import { systemClock } from '../../../../device-daemon/clock';
import { DeviceRegistry } from '../../../../device-daemon/devices/registry';
import { createServices } from '../../../../device-daemon/services';
import { createDemoCapability } from '../../../../device-daemon/capabilities/demo';
import { createEvaluationCapability } from '../../../../device-daemon/capabilities/evaluation';
import { SessionWipe } from '../../../../device-daemon/capabilities/session/session-wipe';
import { hashPin } from '../../../../device-daemon/config/pin-hash';
import { demoStorePath } from '../../../../device-daemon/store/demo-store-file';
import { PlatformServer } from '../../../helpers/platform-server';
import { applicationArgs, drained, harnessPerTest, person, testConfig } from '../harness';

// Demo mode in-process: the store-side capabilities and the demo capability
// over a real SQLite file, delivering to a real (test) platform server.

const PIN = '246813';
let platform: PlatformServer;
let pinHash: string;
beforeAll(async () => {
  platform = await new PlatformServer().start();
  pinHash = hashPin(PIN);
});
afterAll(() => platform.down());

const harness = harnessPerTest();

function demoHarness() {
  const { config, dir } = testConfig({
    platform: { mode: 'http', baseUrl: platform.baseUrl, timeoutMs: 1000, retry: { baseMs: 20, maxMs: 200 } },
    staff: { accounts: [{ staffNo: 'S0001', name: '示例员', role: 'staff', pinHash }] },
  });
  const registry = { get: () => undefined, wipeSession: () => [], onSwap: () => () => {}, useSimulators: async () => {} } as unknown as DeviceRegistry;
  const h = harness({
    config,
    dir,
    devices: { registry },
    capabilities: (ctx) => [...storeCapabilities(ctx), createEvaluationCapability(ctx), createDemoCapability(ctx, { wipe: new SessionWipe(registry) })],
  });
  h.identity = person('resident-young');
  return h;
}

const today = () => chinaDate(Date.now());

describe('demo mode (演示模式)', () => {
  it('a demo submission never reaches the platform, counts nothing in the real counters, and its store is deleted when the mode ends', async () => {
    const h = demoHarness();
    const real1 = await h.call('submission.submit', applicationArgs());
    expect(real1.ok, JSON.stringify(real1.error)).toBe(true);
    await drained(h);
    const countersBefore = h.store.require().store.counters.read(today());
    expect(countersBefore['submissions.application']).toBe(1);

    const started = await h.call('demo.start', { staffNo: 'S0001', pin: PIN });
    expect(started.ok, JSON.stringify(started.error)).toBe(true);
    expect(started.result).toMatchObject({ active: true, trainingRoom: false, mark: '演示 DEMO', staffNo: 'S0001' });
    expect(h.events.find((e) => e.name === 'demo.status')?.data.active).toBe(true);
    expect((h.health.demo!() as { active: boolean }).active).toBe(true);

    const demo = await h.call('submission.submit', applicationArgs());
    expect(demo.ok, JSON.stringify(demo.error)).toBe(true);
    expect(demo.result.caseNo).toMatch(/^DEMO-/);
    const demoFile = demoStorePath(h.config.storage.path);
    expect(existsSync(demoFile)).toBe(true);
    // The demo outbox holds it and nothing drains it; a retry asked for delivers nothing either.
    h.bus.emit('outboxRetry');
    expect((await h.call('outbox.status')).result.total).toBe(1);

    const stopped = await h.call('demo.stop', { staffNo: 'S0001', pin: PIN });
    expect(stopped.ok, JSON.stringify(stopped.error)).toBe(true);
    expect(stopped.result.active).toBe(false);
    expect(existsSync(demoFile)).toBe(false);
    expect(existsSync(`${demoFile}-wal`)).toBe(false);

    // The real outbox delivers again: the next real submission arrives, and it is the only other one the platform ever saw.
    // Another resident: the first one's application is still open, and a second by them would be refused as a duplicate.
    h.identity = person('resident-valid');
    const real2 = await h.call('submission.submit', applicationArgs());
    expect(real2.ok, JSON.stringify(real2.error)).toBe(true);
    expect(real2.result.caseNo).not.toMatch(/^DEMO-/);
    await drained(h);
    const seen = [...platform.committed.values()].map((c) => c.body.caseNo);
    expect(seen).toContain(real1.result.caseNo);
    expect(seen).toContain(real2.result.caseNo);
    expect(seen.some((c) => c.startsWith('DEMO-'))).toBe(false);
    expect(platform.requests.some((r) => r.key === demo.result.caseNo)).toBe(false);

    const countersAfter = h.store.require().store.counters.read(today());
    expect(countersAfter['submissions.application']).toBe(2);
    const actions = h.store
      .require()
      .store.audit.list(50)
      .map((a) => [a.action, a.detail]);
    expect(actions).toContainEqual(['demo.started', { staffNo: 'S0001' }]);
    expect(actions.find(([a]) => a === 'demo.stopped')?.[1]).toMatchObject({ staffNo: 'S0001', startedBy: 'S0001' });
  });

  it('a demo case is looked up and rated by its number (as typed) in demo mode, and its number is refused as a demo number after it', async () => {
    const h = demoHarness();
    expect((await h.call('demo.start', { staffNo: 'S0001', pin: PIN })).ok).toBe(true);
    const caseNo: string = (await h.call('submission.submit', applicationArgs())).result.caseNo;
    expect(caseNo).toMatch(/^DEMO-/);
    // Typed on the keys: lower case, no dashes.
    const typed = caseNo.toLowerCase().replaceAll('-', '');
    const progress = await h.call('case.progress', { caseNo: typed });
    expect(progress.ok, JSON.stringify(progress.error)).toBe(true);
    expect(progress.result.cases.map((c: { caseNo: string }) => c.caseNo)).toEqual([caseNo]);
    const invited = await h.call('evaluation.invite', { caseNo: typed });
    expect(invited.ok, JSON.stringify(invited.error)).toBe(true);
    expect(invited.result).toMatchObject({ eventKey: caseNo, caseNo, alreadyRated: false });
    const rated = await h.call('evaluation.rate', { idempotencyKey: crypto.randomUUID(), eventKey: caseNo, channel: 'screen', level: 5 });
    expect(rated.ok, JSON.stringify(rated.error)).toBe(true);

    expect((await h.call('demo.stop', { staffNo: 'S0001', pin: PIN })).ok).toBe(true);
    for (const r of [await h.call('case.progress', { caseNo }), await h.call('evaluation.invite', { caseNo })]) expect(r.error).toMatchObject({ code: 'invalidArgs', detail: { reason: 'demo' } });
  });

  it('a wrong PIN is refused and counts towards the staff lockout; the terminal stays out of demo mode', async () => {
    const h = demoHarness();
    const answers: Array<{ code?: string; detail?: unknown }> = [];
    for (let i = 0; i < 6; i++) answers.push((await h.call('demo.start', { staffNo: 'S0001', pin: '000000' })).error ?? {});
    expect(answers.slice(0, 4).map((a) => a.code)).toEqual(['pinInvalid', 'pinInvalid', 'pinInvalid', 'pinInvalid']);
    expect(answers[0]?.detail).toEqual({ remaining: 4 });
    expect(answers[4]).toMatchObject({ code: 'pinInvalid', detail: { remaining: 0 } });
    expect(answers[5]?.code).toBe('technicianLocked');
    // Locked: even the right PIN opens nothing now.
    expect((await h.call('demo.start', { staffNo: 'S0001', pin: PIN })).error?.code).toBe('technicianLocked');
    expect((await h.call('demo.status')).result.active).toBe(false);
    expect(h.store.isDemo()).toBe(false);
  });

  it('at a terminal whose reader and printer are real (and absent), runs on simulators (a card read, an application, a marked page) and gives the configured devices back at the end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-demo-'));
    const { config } = testConfig(
      {
        platform: { mode: 'http', baseUrl: platform.baseUrl, timeoutMs: 1000, retry: { baseMs: 20, maxMs: 200 } },
        staff: { accounts: [{ staffNo: 'S0001', name: '示例员', role: 'staff', pinHash }] },
        devices: { idCardReader: { driver: 'serial', path: join(dir, 'no-such-tty') }, printer: { driver: 'serial', path: join(dir, 'no-such-lp') } },
      },
      dir,
    );
    const log = pino({ level: 'silent' });
    const registry = new DeviceRegistry({ config, log, bus: new Bus() });
    // The composition root's typed devices and session card, read from the registry at each use.
    const { devices, sessionCard } = createServices({ config, log, registry, clock: systemClock });
    const statuses: DeviceStatus[] = [];
    registry.onStatus((s) => statuses.push(s));
    await registry.startAll();
    const h = harness({
      config,
      dir,
      liveDevices: devices,
      sessionCard,
      // as services.ts builds it, marking pages while the harness's store is the demo one
      print: createPrintPath({ config, clock: systemClock, printer: () => devices.printer, demo: () => h.store.isDemo() }),
      capabilities: (ctx) => [
        ...storeCapabilities(ctx),
        createCardCapability(ctx),
        createPrinterCapability(ctx),
        createSystemCapability(ctx, { version: 'test', bootId: 'boot', startedAt: Date.now() }),
        createDemoCapability(ctx, { wipe: new SessionWipe(registry) }),
      ],
    });
    try {
      expect(registry.get('idCardReader')?.status()).toMatchObject({ driver: 'serial', state: 'noDevice' });

      const started = await h.call('demo.start', { staffNo: 'S0001', pin: PIN });
      expect(started.ok, JSON.stringify(started.error)).toBe(true);
      // The page hears the simulated reader come into use.
      expect(statuses.filter((s) => s.device === 'idCardReader').at(-1)).toMatchObject({ driver: 'simulated', state: 'online' });

      const placed = await h.call('sim.control', { device: 'idCardReader', action: 'insertCard', param: 'resident-valid' });
      expect(placed.ok, JSON.stringify(placed.error)).toBe(true);
      const read = await h.call('card.read', { timeoutMs: 5000 });
      expect(read.ok, JSON.stringify(read.error)).toBe(true);
      expect(read.result.kind).toBe('resident');
      expect(h.events.some((e) => e.name === 'card.present')).toBe(true);
      const applied = await h.call('submission.submit', applicationArgs());
      expect(applied.ok, JSON.stringify(applied.error)).toBe(true);
      expect(applied.result.caseNo).toMatch(/^DEMO-/);
      // The page prints on the simulated printer, marked; its job events come from it.
      const printed = await h.call('printer.testPage');
      expect(printed.ok, JSON.stringify(printed.error)).toBe(true);
      expect(((await h.call('printer.lastJobs', { limit: 1 })).result.jobs[0].lines as string[]).join('\n')).toContain(DEMO_MARK);
      expect(h.events.some((e) => e.name === 'printer.job' && e.data.jobId === printed.result.jobId && e.data.state === 'done')).toBe(true);

      const stopped = await h.call('demo.stop', { staffNo: 'S0001', pin: PIN });
      expect(stopped.ok, JSON.stringify(stopped.error)).toBe(true);
      // The configured reader is in use again, still absent; the card read in the demo is gone with the simulator.
      expect(statuses.filter((s) => s.device === 'idCardReader').at(-1)).toMatchObject({ driver: 'serial', state: 'noDevice' });
      expect(registry.get('idCardReader')?.status()).toMatchObject({ driver: 'serial', state: 'noDevice' });
      expect(registry.get('printer')?.status()).toMatchObject({ driver: 'serial', state: 'noDevice' });
      expect(sessionCard.sessionCard()).toBeUndefined();
      expect((await h.call('card.read', { timeoutMs: 1000 })).error?.code).toBe('noDevice');
      expect((await h.call('sim.control', { device: 'idCardReader', action: 'insertCard', param: 'resident-valid' })).error?.code).toBe('notSupported');

      // Nothing of the demo reached the real store, its outbox or counters, or the platform.
      expect((await h.call('outbox.status')).result.total).toBe(0);
      const counters = h.store.require().store.counters.read(today());
      expect(counters['submissions.application']).toBeUndefined();
      expect(counters.cardReads).toBeUndefined();
      expect(platform.requests.some((r) => r.key === applied.result.caseNo)).toBe(false);
    } finally {
      await h.stop();
      await registry.stopAll();
    }
  });
});
