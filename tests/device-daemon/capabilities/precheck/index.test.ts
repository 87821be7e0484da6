import { precheckResult } from '../../../../device-daemon/devices/printer/layouts/precheck-result';
import { describe, expect, it } from 'vitest';
import { PrintRequest, type PrintRequestInput } from '../../../../contract/api/printer';
import { ageOn } from '../../../../contract/domain/china-time';
import { createPrecheckCapability } from '../../../../device-daemon/capabilities/precheck';
import type { SessionCard } from '../../../../device-daemon/devices/id-card/session-card';
import { harnessPerTest, realDaemon } from '../harness';
import { call } from '../../../helpers/daemon';

// 特困人员认定 (WD-KIOSK-029): old age, disability or under 16, and all three "no"s.
const TEKUN = 'WD-KIOSK-029';
const threeNo = { noWorkAbility: true, noIncome: true, noSupporter: true, disabled: false, contactPhone: '13900001234' };

const startHarness = harnessPerTest();

/** The capability in-process: real router and catalog, a session card of a given age, a print path that records. */
function harness() {
  const printed: PrintRequestInput[] = [];
  let card: SessionCard | undefined;
  const h = startHarness({
    now: () => Date.parse('2025-06-02T09:00:00+08:00'),
    sessionCard: { sessionCard: () => card },
    print: async (req) => {
      printed.push(req);
      return { jobId: 'pj-test-1', state: 'done', layout: req.layout, bytes: 1, paperMm: 1 };
    },
    capabilities: (ctx) => [createPrecheckCapability(ctx)],
  });
  const dispatch = h.call;
  const withAge = (birthDate: string) => {
    card = { identity: { kind: 'resident', name: '林晓禾', idNumber: '410403195803120023' }, postalAddress: undefined, ageOn: (today) => ageOn(birthDate, today) };
  };
  return { dispatch, printed, withAge };
}

describe('precheck.evaluate / precheck.print (in-process)', () => {
  it('the card age is a fact of the rules; without a card the age rule is for staff', async () => {
    const h = harness();
    const args = { itemId: TEKUN, answers: threeNo, materials: [] };
    expect((await h.dispatch('precheck.evaluate', args)).result).toMatchObject({ outcome: 'checkAtWindow', failed: ['group'] });
    h.withAge('1958-03-12');
    expect((await h.dispatch('precheck.evaluate', args)).result).toEqual({ outcome: 'eligible', failed: [], reasons: [], missingMaterials: [] });
    h.withAge('1990-11-02');
    expect((await h.dispatch('precheck.evaluate', args)).result).toMatchObject({ outcome: 'ineligible', failed: ['group'], reasons: [{ zh: '特困人员限老年人、残疾人和未满16周岁的未成年人' }] });
  });

  it('an unknown or non-pre-check item is notFound; a bad answer is invalidArgs naming the field; nothing is printed', async () => {
    const h = harness();
    expect((await h.dispatch('precheck.evaluate', { itemId: 'WD-NOPE', answers: {}, materials: [] })).error?.code).toBe('notFound');
    expect((await h.dispatch('precheck.print', { itemId: 'WD-KIOSK-001', answers: {}, materials: [] })).error?.code).toBe('notFound');
    const bad = await h.dispatch('precheck.print', { itemId: TEKUN, answers: { ...threeNo, noIncome: 'yes' }, materials: [] });
    expect(bad.error).toMatchObject({ code: 'invalidArgs', detail: { field: 'answers.noIncome', reason: 'invalid' } });
    expect(h.printed).toEqual([]);
  });

  it('precheck.print prints the slip of the same evaluation through the print path', async () => {
    const h = harness();
    h.withAge('1990-11-02');
    const r = await h.dispatch('precheck.print', { itemId: TEKUN, answers: threeNo, materials: [{ code: 'm4', provided: 'later' }] });
    expect(r).toMatchObject({ ok: true, result: { jobId: 'pj-test-1' } });
    expect(h.printed).toHaveLength(1);
    expect(PrintRequest.safeParse(h.printed[0]).success).toBe(true);
    expect(h.printed[0]).toMatchObject({
      layout: 'precheckResult',
      data: {
        itemName: '特困人员认定',
        outcome: 'ineligible',
        reasons: ['特困人员限老年人、残疾人和未满16周岁的未成年人'],
        missingMaterials: ['家庭经济状况核对授权书'],
        issuedAt: '2025-06-02T01:00:00.000Z',
      },
    });
    expect(JSON.stringify(h.printed[0])).not.toContain('林晓禾');
  });
});

describe('the pre-check slip in English', () => {
  it('a resident using English gets the findings in English below the Chinese; a line without English points to its Chinese', async () => {
    const h = harness();
    h.withAge('1990-11-02');
    const args = {
      itemId: TEKUN,
      answers: threeNo,
      materials: [
        { code: 'm1', provided: 'later' },
        { code: 'm4', provided: 'later' },
      ],
    };
    await h.dispatch('precheck.print', { ...args, locale: 'en' });
    await h.dispatch('precheck.print', args);
    const [en, zh] = h.printed as Array<{ layout: 'precheckResult'; data: any }>;
    expect(PrintRequest.safeParse(en).error?.issues).toBeUndefined();
    expect(en!.data.english).toEqual({
      itemName: expect.any(String),
      reasons: ['Only older people, people with disabilities and minors under 16 qualify'],
      missingMaterials: [null, 'Authorisation to check household finances'],
    });
    expect(zh!.data.english).toBeUndefined();
    const data = { ...PrintRequest.parse(en).data, guideUrl: 'https://example.invalid/guide', phones: { consultation: '12345', supervision: '12345' } } as Parameters<typeof precheckResult>[0];
    const text = JSON.stringify(precheckResult(data, { siteName: '测试中心', terminalId: 'WD0001', now: new Date() }).blocks);
    // Chinese first (the record), English below.
    expect(text.indexOf('预审结果')).toBeLessThan(text.indexOf('Pre-check result'));
    expect(text).toContain('You appear not to meet the conditions');
    expect(text).toContain('(see 1. above, in Chinese)');
  });
});

describe('pre-check on the real daemon (simulated reader and printer)', () => {
  const live = realDaemon();

  it('evaluates with the age of the card read in this session and prints the slip, naming nobody', async () => {
    const { ws } = live;
    const args = { itemId: TEKUN, answers: threeNo, materials: [{ code: 'm1', provided: 'later' }] };
    expect((await call(ws, 'precheck.evaluate', args)).result).toMatchObject({ outcome: 'checkAtWindow', failed: ['group'] });
    const read = call(ws, 'card.read', { timeoutMs: 20_000 });
    await call(ws, 'sim.control', { device: 'idCardReader', action: 'insertCard', param: 'resident-valid' });
    expect((await read).ok).toBe(true);
    expect((await call(ws, 'precheck.evaluate', args)).result).toMatchObject({ outcome: 'eligible', failed: [] });
    const job = await call(ws, 'precheck.print', args);
    expect(job.ok, JSON.stringify(job.error)).toBe(true);
    const page = (await call(ws, 'printer.lastJobs', { limit: 1 })).result.jobs.at(-1) as { lines: string[] };
    const text = page.lines.join('\n');
    expect(text).toContain('预审结果');
    expect(text).toContain('特困人员认定');
    expect(text).toContain('初步符合办理条件');
    expect(text).toContain('特困人员救助供养申请书');
    for (const secret of ['林晓禾', '410403195803120023']) expect(text).not.toContain(secret);
    await call(ws, 'session.end', { reason: 'user' });
  });
});
