import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Devices, SessionWiper } from '../../../../device-daemon/capability';
import { createMaintenanceCapability } from '../../../../device-daemon/capabilities/maintenance';
import { createTechnicianCapability } from '../../../../device-daemon/capabilities/technician';
import { hashPin } from '../../../../device-daemon/config/pin-hash';
import { readRawConfig } from '../../../../device-daemon/config/save-config';
import type { ListedSerialPort } from '../../../../device-daemon/devices/discovery/serial-ports';
import { DEFAULT_SIM_CARD, simCard } from '../../../../device-daemon/devices/id-card/simulator/sim-cards';
import { ROOT } from '../../../helpers/daemon';
import { startSimReader } from '../../devices/id-card/helpers';
import { waitUntil } from '../../../helpers/wait';
import { type Harness, manualClock, startHarness, testConfig } from '../harness';

// The maintenance capability in-process with the technician's TechnicianAuth (its ledger on disk in the
// harness's directory), the daemon's router and a manual clock for the maintenance session's idle timeout.
const PIN = '13572468';
const PIN_HASH = hashPin(PIN);
const T0 = Date.UTC(2026, 10, 30, 2, 0);

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.stop();
});

function start(opts: { dir?: string; serialList?: () => Promise<ListedSerialPort[]>; devices?: Partial<Devices>; restart?: () => void } = {}) {
  const { config, dir } = testConfig({ technician: { pinHash: PIN_HASH } }, opts.dir);
  const configPath = join(dir, 'kiosk.config.json');
  // Where the harness's logger writes: the report's log tail reads it.
  config.logging.dir = join(dir, 'log');
  if (!opts.dir) copyFileSync(join(ROOT, 'kiosk.config.json'), configPath);
  const clock = manualClock(T0);
  const wiped: string[][] = [];
  const h = startHarness({
    config,
    dir,
    clock,
    devices: opts.devices,
    capabilities: (ctx) => {
      const technician = createTechnicianCapability(ctx);
      const wipe = {
        wipe: () => {
          wiped.push(h.wipers.flatMap((w: SessionWiper) => w()));
          return ['resident session'];
        },
      };
      return [
        technician,
        createMaintenanceCapability(ctx, {
          auth: technician.auth,
          wipe,
          configPath,
          restart: opts.restart,
          supervised: true,
          discovery: { serialList: opts.serialList ?? (async () => []), hidList: async () => [] },
        }),
      ];
    },
  });
  // A resident command of the session (its handler stands in for consent.record's).
  h.router.register('consent.record', ({ purpose, textVersion }) => ({ purpose, textVersion, recordedAt: 'now' }));
  harnesses.push(h);
  return { h, dir, clock, configPath, wiped };
}

const resident = (h: Harness) => h.call('consent.record', { purpose: 'apply', textVersion: 'apply-1' });

describe('maintenance mode in the daemon', () => {
  it('the right PIN ends and wipes the resident session, refuses residents’ commands until the technician leaves', async () => {
    const { h, wiped } = start();
    expect((await resident(h)).ok).toBe(true);
    const entered = await h.call('maintenance.enter', { pin: PIN });
    expect(entered).toMatchObject({ ok: true, result: { idleMinutes: 10, demoPin: false } });
    expect(wiped).toHaveLength(1);
    expect(h.events).toContainEqual({ name: 'maintenance.changed', data: { active: true, reason: 'entered' } });
    expect((await resident(h)).error).toMatchObject({ code: 'maintenanceMode' });
    expect((await h.call('maintenance.status')).result).toMatchObject({ active: true, lockedUntil: null });

    expect((await h.call('maintenance.leave', { token: entered.result.token })).ok).toBe(true);
    expect(h.events).toContainEqual({ name: 'maintenance.changed', data: { active: false, reason: 'left' } });
    expect((await resident(h)).ok).toBe(true);
    // The token died with the session.
    expect((await h.call('maintenance.config.get', { token: entered.result.token })).error).toMatchObject({ code: 'maintenanceRequired' });
  });

  it('five wrong PINs lock entry with the time left; the lockout holds after a restart, and a right PIN is refused during it', async () => {
    const first = start();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await first.h.call('maintenance.enter', { pin: '00000000' })).error);
    expect(answers.slice(0, 4).map((e) => e?.detail)).toEqual([{ remaining: 4 }, { remaining: 3 }, { remaining: 2 }, { remaining: 1 }]);
    expect(answers[4]).toMatchObject({ code: 'pinInvalid', detail: { remaining: 0, lockedUntil: T0 + 60_000 } });
    await first.h.stop();

    const again = start({ dir: first.dir });
    expect((await again.h.call('maintenance.enter', { pin: PIN })).error).toMatchObject({ code: 'technicianLocked', detail: { lockedUntil: T0 + 60_000 } });
    expect((await again.h.call('maintenance.status')).result).toMatchObject({ active: false, lockedUntil: T0 + 60_000, tries: 6 });
    again.clock.advance(60_000);
    expect((await again.h.call('maintenance.enter', { pin: PIN })).ok).toBe(true);
  });

  it('ends by itself after 10 minutes without a maintenance command, and the page is told', async () => {
    const { h, clock } = start();
    const { result } = await h.call('maintenance.enter', { pin: PIN });
    clock.advance(9 * 60_000);
    expect((await h.call('maintenance.config.get', { token: result.token })).ok).toBe(true);
    clock.advance(9 * 60_000);
    expect(h.events.filter((e) => e.name === 'maintenance.changed').map((e) => e.data.reason)).toEqual(['entered']);
    clock.advance(2 * 60_000);
    expect(h.events.filter((e) => e.name === 'maintenance.changed').map((e) => e.data.reason)).toEqual(['entered', 'idle']);
    expect((await resident(h)).ok).toBe(true);
  });

  it('settings: saved through the schema with field-by-field refusals; the PIN hash is not settable and never shown', async () => {
    const { h, configPath } = start();
    const { result } = await h.call('maintenance.enter', { pin: PIN });
    const token = result.token;
    const got = (await h.call('maintenance.config.get', { token })).result;
    const shown = got.config;
    expect(shown.technician).toEqual({});
    expect(JSON.stringify(shown)).not.toContain('scrypt$');
    // As it takes effect: defaults filled in (the settings page shows them), still without the hash.
    expect(got.effective.devices.printer.profile.cut).toBe('partial');
    expect(got.effective.technician).toMatchObject({ demoMode: false, gesture: { corner: 'topRight', count: 5, windowMs: 3000 } });
    expect(JSON.stringify(got.effective)).not.toContain('scrypt$');

    expect((await h.call('maintenance.config.set', { token, path: 'session.idleTimeoutSeconds', value: 120 })).result).toMatchObject({ saved: true, restartNeeded: false, applied: true });
    expect((readRawConfig(configPath).session as Record<string, unknown>).idleTimeoutSeconds).toBe(120);
    // Applied to the running daemon (system.status reads it) and announced to pages.
    expect(h.config.session.idleTimeoutSeconds).toBe(120);
    expect(h.events).toContainEqual({ name: 'maintenance.configApplied', data: { paths: ['session.idleTimeoutSeconds'] } });
    const refused = (await h.call('maintenance.config.set', { token, path: 'session.idleTimeoutSeconds', value: 5 })).result;
    expect(refused.saved).toBe(false);
    expect(refused.problems).toEqual([expect.stringMatching(/^session\.idleTimeoutSeconds: /)]);
    expect((await h.call('maintenance.config.set', { token, path: 'technician.pinHash', value: 'x' })).error).toMatchObject({ code: 'invalidArgs' });
    expect(readFileSync(`${configPath}.bak`, 'utf8')).toContain('"idleTimeoutSeconds": 90');
    // Duty hours from the settings page: callStaff.duty reads them on every call.
    const duty = { hours: { mon: ['08:30-12:00'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    expect((await h.call('maintenance.config.set', { token, path: 'site.staffDuty', value: duty })).result).toMatchObject({ saved: true, applied: true });
    expect(h.config.site.staffDuty).toEqual(duty);
    // Read once at start: saved, not applied, a restart offered.
    expect((await h.call('maintenance.config.set', { token, path: 'elderModeDefault', value: !h.config.elderModeDefault })).result).toMatchObject({ saved: true, restartNeeded: true, applied: false });
    expect(readRawConfig(configPath).elderModeDefault).toBe(!h.config.elderModeDefault);
  });

  it('discovers ports and binds one by its stable identity, saying whether it answered', async () => {
    const { h, configPath } = start({ serialList: async () => [{ path: '/dev/ttyUSB0', vendorId: '0416', productId: '5011', serialNumber: 'P9', pnpId: 'usb-Acme_Printer_P9-if00' }] });
    const { result } = await h.call('maintenance.enter', { pin: PIN });
    const found = (await h.call('maintenance.devices.discover', { token: result.token })).result;
    expect(found.ports.map((p: { id: string }) => p.id)).toEqual(['serial:0416:5011:P9']);
    const bound = await h.call('maintenance.devices.bind', { token: result.token, role: 'printer', portId: 'serial:0416:5011:P9' });
    expect(bound.result.section).toMatchObject({ driver: 'serial', vendorId: '0416', productId: '5011', serialNumber: 'P9', path: '/dev/serial/by-id/usb-Acme_Printer_P9-if00' });
    // No such device on this machine: the probe cannot open it, and says so.
    expect(bound.result.probe).toMatchObject({ answered: false, probed: true });
    expect(JSON.stringify(readRawConfig(configPath).devices)).not.toContain('/dev/ttyUSB0');
    expect((await h.call('maintenance.devices.bind', { token: result.token, role: 'printer', portId: 'serial:ffff:ffff' })).error).toMatchObject({ code: 'notFound' });
  });

  it('card test: masked fields, the reader keeps no session card, reveal audited, forgotten when maintenance ends', async () => {
    const reader = await startSimReader({ card: DEFAULT_SIM_CARD });
    const { h } = start({ devices: { reader: reader.device } });
    try {
      const audited: string[] = [];
      h.bus.on('audit', (e) => void audited.push(e.action));
      const { result } = await h.call('maintenance.enter', { pin: PIN });
      const read = await h.call('maintenance.test.card', { token: result.token, timeoutMs: 5000 });
      const person = simCard(DEFAULT_SIM_CARD).record;
      expect(read.ok).toBe(true);
      expect(read.result.fields.idNumber).not.toBe(person.idNumber);
      expect(read.result.fields.idNumber).toMatch(/\*/);
      expect(reader.device.sessionCard()).toBeUndefined();
      const revealed = await h.call('maintenance.test.cardReveal', { token: result.token });
      expect(revealed.result.fields).toMatchObject({ idNumber: person.idNumber, name: person.name });
      expect(audited).toEqual(expect.arrayContaining(['maintenance.cardTest', 'maintenance.cardRevealed']));
      await h.call('maintenance.leave', { token: result.token });
      const again = await h.call('maintenance.enter', { pin: PIN });
      expect((await h.call('maintenance.test.cardReveal', { token: again.result.token })).error).toMatchObject({ code: 'notFound' });
    } finally {
      await reader.device.stop();
    }
  });

  it('report: counters today and lifetime, failures by device, outbox and parked with re-queue, calendar, masked log lines', async () => {
    const { h } = start();
    h.store.run((o) => {
      o.store.counters.add('cardReads', 2, T0 - 3 * 86_400_000);
      o.store.counters.add('cardReads', 1, T0);
      o.store.counters.add('printFailures', 1, T0);
      o.store.paperRoll.fed(2500);
    });
    const { result } = await h.call('maintenance.enter', { pin: PIN });
    const report = (await h.call('maintenance.report', { token: result.token })).result;
    expect(report.today.cardReads).toBe(1);
    expect(report.lifetime.cardReads).toBe(3);
    expect(report.errorsByDevice.printer).toEqual({ today: 1, lifetime: 1 });
    expect(report.outbox).toMatchObject({ total: 0, parked: [] });
    expect(report.calendar.years.length).toBeGreaterThan(0);
    // 2.5 m fed of the shipped profile's 80 m roll
    expect(report.paper).toEqual({ rollLengthM: 80, usedMm: 2500, leftM: 77.5, rollChangedAt: null });
    expect(Array.isArray(report.logs)).toBe(true);
    expect(report.logs.some((l: string) => l.includes('maintenance mode entered'))).toBe(true);
    expect((await h.call('maintenance.requeue', { token: result.token, caseNo: 'NOPE' })).result).toEqual({ requeued: false });
  });

  it('restart: answered first, then the daemon stops itself; refused without the token', async () => {
    let stopped = 0;
    const { h } = start({ restart: () => stopped++ });
    expect((await h.call('maintenance.restart', { token: 'x'.repeat(32) })).error).toMatchObject({ code: 'maintenanceRequired' });
    const { result } = await h.call('maintenance.enter', { pin: PIN });
    expect((await h.call('maintenance.restart', { token: result.token })).result).toEqual({ restarting: true, supervised: true });
    expect(stopped).toBe(0);
    await waitUntil(() => stopped === 1);
  });
});
