import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCallStaffCapability } from '../../../../device-daemon/capabilities/call-staff';
import { applyOverlay } from '../../../../device-daemon/capabilities/fleet/config-overlay';
import { loadConfig } from '../../../../device-daemon/config/load';
import { writeTestConfig } from '../../../helpers/daemon';
import { createSubmissionsCapability } from '../../../../device-daemon/capabilities/submissions';
import { harnessPerTest, testConfig } from '../harness';

const harness = harnessPerTest();
const both = (ctx: Parameters<typeof createCallStaffCapability>[0]) => [createSubmissionsCapability(ctx), createCallStaffCapability(ctx)];

describe('callStaff.duty / callStaff.cancel', () => {
  it('answers from the configured hours on the daemon’s clock, with the after-hours phone', async () => {
    const { site } = testConfig().config;
    const { config, dir } = testConfig({ site: { ...site, staffDuty: { hours: { mon: ['09:00-17:00'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, afterHoursPhone: '12345' } } });
    let now = Date.parse('2026-11-30T10:00:00+08:00');
    const h = harness({ config, dir, now: () => now, capabilities: both });
    expect((await h.call('callStaff.duty')).result).toEqual({ onDuty: true, until: '2026-11-30T17:00+08:00', nextStart: null, hotline: '12345' });
    now = Date.parse('2026-11-30T20:00:00+08:00');
    expect((await h.call('callStaff.duty')).result).toMatchObject({ onDuty: false, nextStart: '2026-12-07T09:00+08:00', hotline: '12345' });
  });

  it('a site without duty hours claims nothing', async () => {
    const h = harness({ capabilities: both });
    expect((await h.call('callStaff.duty')).result).toEqual({ onDuty: null, until: null, nextStart: null, hotline: h.config.site.phones.consultation });
  });

  it('a resident’s cancel of their call is told to staff; anything else is not a call to cancel', async () => {
    const h = harness({ capabilities: both });
    const { caseNo } = (await h.call('submission.submit', { kind: 'callStaff', idempotencyKey: crypto.randomUUID(), payload: { reason: 'help' } })).result;
    expect((await h.call('callStaff.cancel', { caseNo })).result).toEqual({ cancelled: true });
    expect(h.events.filter((e) => e.name === 'staff.callCancelled').map((e) => e.data.caseNo)).toEqual([caseNo]);
    expect((await h.call('callStaff.cancel', { caseNo: 'WD0001-20261130-99999-X' })).result).toEqual({ cancelled: false });
  });
});

describe('duty hours changed while the daemon runs', () => {
  it('an overlay with duty hours (the fleet’s, or the settings page’s save) is applied live and callStaff.duty follows it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-duty-'));
    const week = (mon: string[]) => ({ hours: { mon, tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, afterHoursPhone: '12345' });
    const file = writeTestConfig(dir, { storage: { path: join(dir, 'kiosk.db') }, logging: { dir: join(dir, 'log') }, site: { staffDuty: week(['09:00-17:00']) } });
    const config = loadConfig(file);
    const now = Date.parse('2026-11-30T18:00:00+08:00');
    const h = harness({ config, dir, now: () => now, capabilities: both });
    expect((await h.call('callStaff.duty')).result).toMatchObject({ onDuty: false, nextStart: '2026-12-07T09:00+08:00' });
    expect(applyOverlay(file, h.config, { site: { staffDuty: week(['09:00-20:00']) } })).toEqual({ status: 'applied', changed: ['site.staffDuty'], restartNeeded: [] });
    expect((await h.call('callStaff.duty')).result).toEqual({ onDuty: true, until: '2026-11-30T20:00+08:00', nextStart: null, hotline: '12345' });
  });
});
