import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseCaseNumber } from '../../../../contract/domain/case-number';
import { addDays, chinaDate } from '../../../../contract/domain/china-time';
import { CatalogStore } from '../../../../device-daemon/catalog/catalog-store';
import { shippedJson } from '../../../helpers/catalog';
import { applicationArgs, drained, harnessPerTest, person } from '../harness';

const harness = harnessPerTest();
const application = applicationArgs;
const complaint = (relatedCaseNo?: string) => ({
  kind: 'complaint',
  idempotencyKey: randomUUID(),
  payload: { category: 'efficiency', text: '等候时间太长', callbackPhone: '13800138000', ...(relatedCaseNo ? { relatedCaseNo } : {}) },
});
const callStaff = () => ({ kind: 'callStaff', idempotencyKey: randomUUID(), payload: { reason: 'accessibility', note: '需要轮椅协助' } });

describe('submission.submit (embedded platform)', () => {
  it('commits each kind with a valid case number and a promised date, and delivers it', async () => {
    const h = harness();
    h.identity = person('resident-valid');
    const results = [];
    for (const args of [application(), complaint(), callStaff()]) {
      const r = await h.call('submission.submit', args);
      expect(r.ok, JSON.stringify(r.error)).toBe(true);
      expect(parseCaseNumber(r.result.caseNo)).toMatchObject({ ok: true, parts: { terminalId: 'WD0001' } });
      expect(r.result.duplicate).toBe(false);
      results.push(r.result);
    }
    expect(new Set(results.map((r) => r.caseNo)).size).toBe(3);
    expect(results[0].promisedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(results[1].promisedDate).not.toBeNull();
    expect(h.events.filter((e) => e.name === 'submission.accepted')).toHaveLength(3);
    expect(h.events.find((e) => e.name === 'staff.called')?.data).toMatchObject({ caseNo: results[2].caseNo, reason: 'accessibility' });
    await drained(h);
    const db = new Database(h.config.storage.path, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM submissions WHERE state = 'delivered'").get()).toEqual({ n: 3 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM platform_cases').get()).toEqual({ n: 3 });
    db.close();
    // The depth went up and back to zero, and each change was announced.
    const depths = h.events.filter((e) => e.name === 'outbox.status').map((e) => e.data.total);
    expect(Math.max(...depths)).toBeGreaterThan(0);
    expect(depths.at(-1)).toBe(0);
  });

  it('a resend with the same idempotency key answers the same case, never a second one', async () => {
    const h = harness();
    h.identity = person('resident-young');
    const args = application();
    const first = await h.call('submission.submit', args);
    const again = await h.call('submission.submit', { ...args, payload: { ...args.payload } });
    expect(again.result).toEqual({ ...first.result, duplicate: true });
    // even after the session ended (the UI reconnected late)
    h.identity = undefined;
    expect((await h.call('submission.submit', args)).result).toMatchObject({ caseNo: first.result.caseNo, duplicate: true });
    // a different submission under the same key is refused, not merged
    const other = await h.call('submission.submit', { ...args, payload: { ...args.payload, answers: { ...args.payload.answers, contributionTier: 't500' } } });
    expect(other.error).toMatchObject({ code: 'invalidArgs', message: expect.stringContaining('idempotencyKey') });
    const db = new Database(h.config.storage.path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM submissions').get()).toEqual({ n: 1 });
    db.close();
  });

  it('an application without an identified person fails with noSession; bad input is refused by the contract', async () => {
    const h = harness();
    expect((await h.call('submission.submit', application())).error?.code).toBe('noSession');
    expect((await h.call('submission.submit', { ...callStaff(), applicant: 'sessionCard' })).error?.code).toBe('noSession');
    expect((await h.call('submission.submit', { ...callStaff(), payload: { reason: 'nonsense' } })).error?.code).toBe('invalidArgs');
    expect((await h.call('submission.submit', { ...callStaff(), idempotencyKey: 'not-a-uuid' })).error?.code).toBe('invalidArgs');
    // A rating is not a submission: evaluation.rate keeps it to one per service event.
    expect((await h.call('submission.submit', { kind: 'evaluation', idempotencyKey: randomUUID(), payload: { level: 5 } })).error?.code).toBe('invalidArgs');
    const badRef = await h.call('submission.submit', complaint('WD0001-20250612-00042-0'));
    expect(badRef.error).toMatchObject({ code: 'invalidArgs', message: expect.stringContaining('check character') });
  });

  it('case numbers are unique and numbered per day; another terminal never collides', async () => {
    let clock = Date.parse('2025-06-13T23:59:59.900+08:00');
    const h = harness({ now: () => clock });
    const nos: string[] = [];
    for (let i = 0; i < 300; i++) {
      if (i === 150) clock = Date.parse('2025-06-14T00:00:00.100+08:00');
      nos.push((await h.call('submission.submit', callStaff())).result.caseNo);
    }
    expect(new Set(nos).size).toBe(300);
    expect(nos[0]).toMatch(/^WD0001-20250613-00001-/);
    expect(nos[149]).toMatch(/^WD0001-20250613-00150-/);
    expect(nos[150]).toMatch(/^WD0001-20250614-00001-/);
    const h2 = harness({ config: { ...h.config, terminalId: 'WD0002', storage: { ...h.config.storage, path: `${h.dir}/other.db` } }, dir: h.dir, now: () => clock });
    const other = (await h2.call('submission.submit', callStaff())).result.caseNo;
    expect(other).toMatch(/^WD0002-20250614-00001-/);
    expect(nos).not.toContain(other);
  });
});

describe('what the daemon decides: promised dates and the check against the catalog item', () => {
  it('promised dates come from the catalog item and the holiday calendar: working days, provisional, calendar days, instant, none', async () => {
    // The shipped catalog has no apply item counted in calendar days: one is made from 老年人优待证办理 (5 working days).
    const json = shippedJson();
    const base = json.items.find((i: { id: string }) => i.id === 'WD-KIOSK-027');
    json.items.push({ ...base, id: 'TEST-CAL-15', code: 'TEST-CAL-15', timeLimit: { ...base.timeLimit, promisedDays: 15, unit: 'calendar' } });
    const catalog = new CatalogStore();
    expect(await catalog.replace(json)).toMatchObject({ ok: true });
    let clock = Date.parse('2025-09-30T10:00:00+08:00');
    const h = harness({ now: () => clock, catalog });
    h.identity = person('resident-valid');
    const submit = async (itemCode: string, answers: Record<string, unknown>) =>
      (await h.call('submission.submit', application({ itemCode, payload: { answers: { ...answers, contactPhone: '13900001234' }, materials: [], delivery: { method: 'pickup' }, assisted: false } })))
        .result;
    // 失业保险金申领, 3 working days: the National Day holiday does not count, the adjusted Saturday 10-11 does.
    expect(await submit('SIM-410403-JY-005', { involuntary: true, paidOneYear: true, payTo: 'bankCard' })).toMatchObject({ promisedDate: '2025-10-11', provisional: false });
    // calendar days: holidays do not matter, never provisional
    expect(await submit('TEST-CAL-15', {})).toMatchObject({ promisedDate: '2025-10-15', provisional: false });
    // 即办件 (灵活就业人员参保登记): due the day it is accepted
    expect(await submit('SIM-410403-SB-009', { workForm: 'freelance', startDate: '2025-09-01' })).toMatchObject({ promisedDate: '2025-09-30', provisional: false });
    // a promised case whose guide sets no fixed limit (退役军人优待证申领): no date is promised
    expect(await submit('SIM-410403-SH-009', { identity: 'veteran' })).toMatchObject({ promisedDate: null, provisional: false });
    // 5 working days from 2026-12-30 reach into 2027, which the calendar lacks: provisional
    clock = Date.parse('2026-12-30T10:00:00+08:00');
    expect((await h.call('submission.submit', application())).result).toMatchObject({ promisedDate: '2027-01-06', provisional: true });
    expect(h.health.calendar!()).toMatchObject({ nextYearCovered: false, warning: expect.stringContaining('2027') });
  });

  it('a complaint is promised an answer within 5 working days (有诉即办), whatever the page says', async () => {
    const clock = Date.parse('2025-09-30T10:00:00+08:00');
    const h = harness({ now: () => clock });
    // 10-01…10-08 are holidays; 10-09, 10-10, 10-11 (adjusted Saturday), 10-13, 10-14
    expect((await h.call('submission.submit', complaint())).result).toMatchObject({ promisedDate: '2025-10-14', provisional: false });
    const sent = await h.call('submission.submit', { ...complaint(), promisedDays: 1 });
    expect(sent.error).toMatchObject({ code: 'invalidArgs', message: expect.stringContaining('promisedDays') });
  });

  it('an application is checked against its catalog item: each bad part is refused naming the field, nothing is stored', async () => {
    const h = harness();
    h.identity = person('resident-valid');
    const good = application();
    const answers = good.payload.answers;
    const withAnswers = (a: Record<string, unknown>) => application({ payload: { ...good.payload, answers: a } });
    const refusals: Array<[string, unknown, Record<string, unknown>]> = [
      ['unknown item', application({ itemCode: 'NO-SUCH-ITEM' }), { field: 'itemCode', reason: 'unknownItem' }],
      ['a pre-check item', application({ itemCode: 'SIM-410403-SH-002' }), { field: 'itemCode', reason: 'notApply' }],
      ['a required answer missing', withAnswers({ insuredGroup: 'general', contactPhone: '13900001234' }), { field: 'payload.answers.contributionTier', reason: 'missing' }],
      ['an answer to a field the item does not have', withAnswers({ ...answers, household: 3 }), { field: 'payload.answers.household', reason: 'unknownField' }],
      ['a field filled from the card', withAnswers({ ...answers, applicantName: '张三' }), { field: 'payload.answers.applicantName', reason: 'notAsked' }],
      ['a choice not among the options', withAnswers({ ...answers, insuredGroup: 'veteran' }), { field: 'payload.answers.insuredGroup', reason: 'invalid' }],
      ['several choices for a single choice', withAnswers({ ...answers, insuredGroup: ['general', 'lowIncome'] }), { field: 'payload.answers.insuredGroup', reason: 'invalid' }],
      ['a phone that is not a mainland mobile', withAnswers({ ...answers, contactPhone: '0375123456' }), { field: 'payload.answers.contactPhone', reason: 'invalid' }],
      [
        'a material the item does not have',
        application({ payload: { ...good.payload, materials: [{ code: 'm9', provided: 'onSite' }] } }),
        { field: 'payload.materials[0].code', reason: 'unknownMaterial' },
      ],
      [
        'a material listed twice',
        application({
          payload: {
            ...good.payload,
            materials: [
              { code: 'm2', provided: 'onSite' },
              { code: 'm2', provided: 'later' },
            ],
          },
        }),
        { field: 'payload.materials[1].code', reason: 'repeatedMaterial' },
      ],
    ];
    for (const [what, args, detail] of refusals) {
      const r = await h.call('submission.submit', args);
      expect(r.error, what).toMatchObject({ code: 'invalidArgs', detail });
      expect(r.error!.message, what).toContain(String(detail.field));
    }
    // 生育登记: a number between its bounds, a date within its offsets from today (China time)
    const birth = (a: Record<string, unknown>) =>
      application({ itemCode: 'SIM-410403-YL-007', payload: { ...good.payload, materials: [], answers: { childOrder: 1, dueOrBirthDate: chinaDate(Date.now()), contactPhone: '13900001234', ...a } } });
    expect((await h.call('submission.submit', birth({ childOrder: 11 }))).error).toMatchObject({ code: 'invalidArgs', detail: { field: 'payload.answers.childOrder', reason: 'invalid' } });
    expect((await h.call('submission.submit', birth({ childOrder: 1.5 }))).error).toMatchObject({ code: 'invalidArgs', detail: { field: 'payload.answers.childOrder' } });
    expect((await h.call('submission.submit', birth({ dueOrBirthDate: addDays(chinaDate(Date.now()), 301) }))).error).toMatchObject({
      detail: { field: 'payload.answers.dueOrBirthDate', reason: 'invalid' },
    });
    expect((await h.call('submission.submit', birth({ dueOrBirthDate: '2025-02-30x' }))).error).toMatchObject({ detail: { field: 'payload.answers.dueOrBirthDate', reason: 'invalid' } });
    const db = new Database(h.config.storage.path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM submissions').get()).toEqual({ n: 0 });
    db.close();
    // the same forms, answered right, are accepted
    expect((await h.call('submission.submit', good)).ok).toBe(true);
    expect((await h.call('submission.submit', birth({ dueOrBirthDate: addDays(chinaDate(Date.now()), 300) }))).ok).toBe(true);
  });
});

describe('personal data (PIPL minimum)', () => {
  it('the full ID number is only inside application payloads; audit, attempts and logs are masked; retention purges it', async () => {
    let clock = Date.parse('2025-06-02T09:00:00+08:00');
    const h = harness({ now: () => clock });
    const who = person('resident-valid');
    h.identity = who;
    const app = await h.call('submission.submit', application());
    await h.call('submission.submit', complaint());
    h.bus.emit('audit', { action: 'card.read', detail: { idNumber: who.idNumber, name: who.name, note: `read ${who.idNumber}` } });
    await drained(h);

    const db = new Database(h.config.storage.path, { readonly: true });
    const holders: string[] = [];
    for (const { name } of db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all()) {
      for (const row of db.prepare(`SELECT * FROM ${name}`).all() as Array<Record<string, unknown>>) {
        for (const [col, v] of Object.entries(row)) if (typeof v === 'string' && v.includes(who.idNumber)) holders.push(`${name}.${col}`);
      }
    }
    // the outbox copy (until delivered + retention) and the embedded platform's case file — nothing else
    expect([...new Set(holders)].sort()).toEqual(['platform_cases.payload', 'submissions.payload']);
    const audit = db
      .prepare('SELECT detail FROM audit')
      .all()
      .map((r: any) => String(r.detail))
      .join('\n');
    expect(audit).toContain('4104**********0023');
    expect(audit).not.toContain('13800138000');
    expect(audit).not.toContain(who.name);
    db.close();
    const logText = readFileSync(join(h.dir, 'log', 'daemon.log'), 'utf8');
    expect(logText).toContain('submission accepted');
    expect(logText).toContain('4104**********0023');
    expect(logText).not.toContain(who.idNumber);
    expect(logText).not.toContain('13800138000');

    // retention: 30 days after delivery the outbox copy loses its personal part; case number and state stay
    clock += 31 * 86400_000;
    await h.stop();
    const again = harness({ config: h.config, dir: h.dir, now: () => clock });
    const db2 = new Database(h.config.storage.path, { readonly: true });
    const row = db2.prepare('SELECT payload, applicant_ref, applicant_masked, purged_at, state, case_no FROM submissions WHERE case_no = ?').get(app.result.caseNo) as Record<string, unknown>;
    expect(row).toMatchObject({ payload: null, applicant_ref: null, applicant_masked: '4104**********0023', state: 'delivered', case_no: app.result.caseNo });
    expect(row.purged_at).not.toBeNull();
    expect(String((db2.prepare("SELECT detail FROM audit WHERE action = 'retention.purged'").get() as any).detail)).toContain('"submissions":2');
    db2.close();
    // progress by number still answers after the purge
    expect((await again.call('case.progress', { caseNo: app.result.caseNo })).result.cases[0]).toMatchObject({ caseNo: app.result.caseNo, status: 'received' });
    // Nothing of the person is left anywhere: no table, no column, and (secure_delete + checkpoint) not in the file bytes.
    await again.stop();
    const db3 = new Database(h.config.storage.path);
    db3.pragma('wal_checkpoint(TRUNCATE)');
    const left: string[] = [];
    for (const { name } of db3.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all()) {
      for (const row of db3.prepare(`SELECT * FROM ${name}`).all() as Array<Record<string, unknown>>) {
        for (const [col, v] of Object.entries(row)) if (typeof v === 'string' && [who.idNumber, who.name, '13800138000'].some((x) => v.includes(x))) left.push(`${name}.${col}`);
      }
    }
    db3.close();
    expect(left).toEqual([]);
    const bytes = Buffer.concat(['', '-wal'].filter((s) => existsSync(h.config.storage.path + s)).map((s) => readFileSync(h.config.storage.path + s)));
    expect(bytes.includes(Buffer.from(who.idNumber))).toBe(false);
    expect(bytes.includes(Buffer.from(who.name))).toBe(false);
  });
});
