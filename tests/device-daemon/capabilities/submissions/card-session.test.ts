import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { call } from '../../../helpers/daemon';
import { realDaemon } from '../harness';

// The applicant comes from the real ID-card reader (simulated at the byte
// level) of the real daemon: the UI sends no identity and gets masked data only.

const live = realDaemon();

/** 城乡居民基本养老保险参保登记: a real catalog item, every asked question answered. */
const application = () => ({
  kind: 'application',
  idempotencyKey: randomUUID(),
  applicant: 'sessionCard',
  itemCode: 'SIM-410403-SB-001',
  payload: { answers: { insuredGroup: 'general', contributionTier: 't200', contactPhone: '13900001234' }, materials: [], delivery: { method: 'pickup' }, assisted: false },
});

async function readCard(person: string) {
  expect((await call(live.ws, 'sim.control', { device: 'idCardReader', action: 'insertCard', param: person })).ok).toBe(true);
  const r = await call(live.ws, 'card.read', { timeoutMs: 10_000 });
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
}

describe('submissions with the identity from the card read in this session (real daemon, simulated reader)', () => {
  it('an application takes the card holder; records and my cases answer for them; session.end forgets them', async () => {
    expect((await call(live.ws, 'submission.submit', application())).error?.code).toBe('noSession');
    await readCard('resident-valid');
    expect((await call(live.ws, 'consent.record', { purpose: 'apply', textVersion: 'apply-test' })).ok).toBe(true);
    const app = await call(live.ws, 'submission.submit', application());
    expect(app).toMatchObject({ ok: true, result: { duplicate: false, promisedDate: expect.any(String) } });
    const rec = await call(live.ws, 'records.query', { recordType: 'socialInsurance' });
    expect(rec.result).toMatchObject({ holder: { maskedName: '林**', maskedIdNumber: '4104**********0023' } });
    const mine = await call(live.ws, 'case.progress', { byCard: true });
    expect(mine.result.cases.map((c: { caseNo: string }) => c.caseNo)).toContain(app.result.caseNo);
    expect(JSON.stringify([app, rec, mine])).not.toContain('410403195803120023');

    await call(live.ws, 'session.end', { reason: 'user' });
    expect((await call(live.ws, 'submission.submit', application())).error?.code).toBe('noSession');
    expect((await call(live.ws, 'records.query', { recordType: 'pension' })).error?.code).toBe('noSession');

    await call(live.ws, 'sim.control', { device: 'idCardReader', action: 'removeCard' }).catch(() => undefined);
    await readCard('resident-norecords');
    expect((await call(live.ws, 'records.query', { recordType: 'socialInsurance' })).error?.code).toBe('notFound');
    expect((await call(live.ws, 'case.progress', { byCard: true })).result.cases).toEqual([]);

    // on disk: the number only in the application payload (outbox + embedded case file), masked in the audit, counted session
    const db = new Database(join(live.d.dataDir, 'kiosk.db'), { readonly: true });
    const payload = db.prepare('SELECT payload, applicant_masked FROM submissions WHERE case_no = ?').get(app.result.caseNo) as { payload: string; applicant_masked: string };
    expect(JSON.parse(payload.payload).applicant).toEqual({ cardKind: 'resident', name: '林晓禾', idNumber: '410403195803120023' });
    expect(payload.applicant_masked).toBe('4104**********0023');
    const audit = db.prepare('SELECT group_concat(detail) AS t FROM audit').get() as { t: string };
    expect(audit.t).not.toContain('410403195803120023');
    expect(db.prepare("SELECT SUM(value) AS n FROM counters WHERE name = 'sessions'").get()).toEqual({ n: 1 });
    db.close();
  });
});
