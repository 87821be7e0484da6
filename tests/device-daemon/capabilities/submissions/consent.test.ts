import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { call } from '../../../helpers/daemon';
import { applicationArgs, realDaemon } from '../harness';

// Consent is recorded by the daemon, not only shown: a submission that carries
// personal data is refused unless the resident's consent for its purpose was
// recorded in this session (real daemon, simulated reader).
const live = realDaemon();
const PHONE = '13900001234';
const ID = '410403195803120023';

async function readCard(person = 'resident-valid') {
  await call(live.ws, 'sim.control', { device: 'idCardReader', action: 'removeCard' });
  expect((await call(live.ws, 'sim.control', { device: 'idCardReader', action: 'insertCard', param: person })).ok).toBe(true);
  const r = await call(live.ws, 'card.read', { timeoutMs: 10_000 });
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
}
const consent = (purpose: string, textVersion = `${purpose}-0a1b2c3d`) => call(live.ws, 'consent.record', { purpose, textVersion });
const cases = () => {
  const db = new Database(join(live.d.dataDir, 'kiosk.db'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM submissions').get() as { n: number }).n;
  } finally {
    db.close();
  }
};
const complaint = (over: Record<string, unknown> = {}) => ({ kind: 'complaint', idempotencyKey: randomUUID(), payload: { category: 'efficiency', text: '等候时间太长', ...over } });

describe('consent recorded by the daemon', () => {
  it('an application is refused with consentRequired until the resident’s consent to apply is recorded; nothing is stored before', async () => {
    await readCard();
    const before = cases();
    const refused = await call(live.ws, 'submission.submit', applicationArgs());
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('consentRequired');
    // Consent to another purpose does not cover applying.
    expect((await consent('precheck')).ok).toBe(true);
    expect((await call(live.ws, 'submission.submit', applicationArgs())).error?.code).toBe('consentRequired');
    expect(cases()).toBe(before);

    const given = await consent('apply');
    expect(given.result).toEqual({ purpose: 'apply', textVersion: 'apply-0a1b2c3d', recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    const accepted = await call(live.ws, 'submission.submit', applicationArgs());
    expect(accepted.ok, JSON.stringify(accepted.error)).toBe(true);
    expect(cases()).toBe(before + 1);
  });

  it('the session end drops the consent (and says so); so does reading another card', async () => {
    const ended = await call(live.ws, 'session.end', { reason: 'user' });
    expect(ended.result.wiped).toContain('consent(2)');
    await readCard();
    expect((await call(live.ws, 'submission.submit', applicationArgs())).error?.code).toBe('consentRequired');

    await consent('apply');
    await readCard('resident-young');
    expect((await call(live.ws, 'submission.submit', applicationArgs())).error?.code).toBe('consentRequired');
    await consent('apply');
    expect((await call(live.ws, 'card.forget', {})).ok).toBe(true);
    await readCard('resident-young');
    expect((await call(live.ws, 'submission.submit', applicationArgs())).error?.code).toBe('consentRequired');
    await call(live.ws, 'session.end', { reason: 'user' });
  });

  it('a complaint with a call-back phone needs the complaintCallback consent; an anonymous one or a call for staff needs none', async () => {
    expect((await call(live.ws, 'submission.submit', complaint({ callbackPhone: PHONE }))).error?.code).toBe('consentRequired');
    expect((await call(live.ws, 'submission.submit', complaint())).ok).toBe(true);
    expect((await call(live.ws, 'submission.submit', { kind: 'callStaff', idempotencyKey: randomUUID(), payload: { reason: 'help' } })).ok).toBe(true);
    await consent('complaintCallback');
    expect((await call(live.ws, 'submission.submit', complaint({ callbackPhone: PHONE }))).ok).toBe(true);
    await call(live.ws, 'session.end', { reason: 'user' });
  });

  it('a resend of a stored submission answers its case without a new consent (it was given when it was stored)', async () => {
    await readCard();
    await consent('apply');
    const args = applicationArgs();
    const first = await call(live.ws, 'submission.submit', args);
    expect(first.ok, JSON.stringify(first.error)).toBe(true);
    await call(live.ws, 'session.end', { reason: 'user' });
    const again = await call(live.ws, 'submission.submit', args);
    expect(again.result).toMatchObject({ caseNo: first.result.caseNo, duplicate: true });
  });

  it('consent.record is a session command: a second page’s consent never counts for the resident of the page that read the card', async () => {
    await readCard();
    const other = await live.d.connect();
    expect((await call(other, 'consent.record', { purpose: 'apply', textVersion: 'apply-0a1b2c3d' })).ok).toBe(true);
    // The second page took the session over: the card read by the first is gone, and so is the consent when the first takes it back.
    const refused = await call(live.ws, 'submission.submit', applicationArgs());
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('noSession');
    await readCard();
    expect((await call(live.ws, 'submission.submit', applicationArgs())).error?.code).toBe('consentRequired');
    other.close();
    await call(live.ws, 'session.end', { reason: 'user' });
  });

  it('the consent record holds no personal data: the audit has purpose and text version, and unknown purposes or odd versions are refused', async () => {
    const db = new Database(join(live.d.dataDir, 'kiosk.db'), { readonly: true });
    const rows = db.prepare("SELECT detail FROM audit WHERE action = 'consent.recorded' ORDER BY id").all() as Array<{ detail: string }>;
    db.close();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const r of rows) expect(Object.keys(JSON.parse(r.detail)).sort()).toEqual(['purpose', 'textVersion']);
    expect(rows.map((r) => r.detail).join('\n')).not.toContain(ID);
    expect((await call(live.ws, 'consent.record', { purpose: 'marketing', textVersion: 'x' })).error.code).toBe('invalidArgs');
    expect((await call(live.ws, 'consent.record', { purpose: 'apply', textVersion: '林晓禾' })).error.code).toBe('invalidArgs');
    expect((await call(live.ws, 'consent.record', { purpose: 'apply', textVersion: 'v1', name: '林晓禾' })).error.code).toBe('invalidArgs');
  });
});
