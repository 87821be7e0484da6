import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestConfig } from '../../helpers/daemon';
import { kioskctl } from '../../helpers/kioskctl';
import { applicationArgs, person, startHarness, type Harness } from '../capabilities/harness';

// kioskctl outbox/counters/audit/calendar read the store file directly,
// read-only, while the store is open and being written by its owner.

let h: Harness;
let db: string;
const who = person('resident-valid');
beforeAll(async () => {
  h = startHarness();
  db = h.config.storage.path;
  h.identity = who;
  expect((await h.call('submission.submit', applicationArgs())).ok).toBe(true);
  await h.call('submission.submit', { kind: 'complaint', idempotencyKey: randomUUID(), payload: { category: 'other', text: '投诉内容', callbackPhone: '13800138000' } });
  h.bus.emit('counter', 'cardReads', 3);
});
afterAll(() => h.stop());

describe('kioskctl (store open by the daemon meanwhile)', () => {
  it('outbox status and list: depth, states, masked applicant, never a full ID number or phone', async () => {
    const status = await kioskctl('outbox', '--db', db, '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ total: expect.any(Number), parked: { rejected: 0, needsStaff: 0 }, source: { from: 'storeFile', file: db } });
    const list = await kioskctl('outbox', 'list', '--db', db, '--json');
    const rows = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.kind).sort()).toEqual(['application', 'complaint']);
    expect(rows.find((r) => r.kind === 'application')).toMatchObject({ applicant: '4104**********0023', promisedDate: expect.any(String) });
    expect(list.stderr).toContain(`(read from the store file ${db} directly, read-only;`);
    const text = (await kioskctl('outbox', 'list', '--db', db)).stdout;
    expect(text).toMatch(/WD0001-\d{8}-0000[12]-. {2}application/);
    for (const o of [status.stdout, list.stdout, text]) {
      expect(o).not.toContain(who.idNumber);
      expect(o).not.toContain('13800138000');
    }
  });

  it('counters and audit (masked)', async () => {
    // The config's store, no daemon answering on its port: said so.
    const config = writeTestConfig(mkdtempSync(join(tmpdir(), 'kiosk-counters-')), { storage: { path: db } });
    const counters = await kioskctl('counters', '--config', config, '--port', '1', '--json');
    const c = JSON.parse(counters.stdout);
    expect(c.counters).toMatchObject({ cardReads: 3, 'submissions.application': 1, 'submissions.complaint': 1 });
    expect(c.source).toEqual({ from: 'storeFile', file: db, daemon: 'none' });
    expect(counters.stderr).toContain('no daemon answers');
    const audit = await kioskctl('audit', '--db', db, '--limit', '10');
    expect(audit.stdout).toContain('submission.accepted');
    expect(audit.stdout).toContain('4104**********0023');
    expect(audit.stdout).not.toContain(who.idNumber);
    expect((await kioskctl('counters', '--db', db, '--date', 'yesterday')).code).not.toBe(0);
  });

  it('calendar check: ok when this and next year are covered, a warning (exit 1) when the next is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cal-'));
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ years: { [year]: { holidays: [], workdays: [] }, [year + 1]: { holidays: [], workdays: [] } } }));
    const ok = await kioskctl('calendar', 'check', good);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringContaining(`ok: ${year} and ${year + 1} are covered`) });
    expect(ok.stderr).toContain(`(read from the calendar file ${good}, not the daemon's`);
    expect(JSON.parse((await kioskctl('calendar', 'check', good, '--json')).stdout).source).toEqual({ from: 'calendarFile', file: good, daemonReadsIt: false });
    const short = join(dir, 'short.json');
    writeFileSync(short, JSON.stringify({ years: { [year]: { holidays: [], workdays: [] } } }));
    const warn = await kioskctl('calendar', 'check', short);
    expect(warn).toMatchObject({ code: 1, stdout: expect.stringContaining(`WARNING: the holiday calendar lacks ${year + 1}`) });
  });

  it('a missing store file is reported, not created', async () => {
    const r = await kioskctl('outbox', '--db', '/nonexistent/kiosk.db');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('cannot read the store /nonexistent/kiosk.db');
  });
});
