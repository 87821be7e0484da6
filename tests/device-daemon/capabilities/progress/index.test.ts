import { describe, expect, it } from 'vitest';
import { formatCaseNumber } from '../../../../contract/domain/case-number';
import type { EmbeddedPlatform } from '../../../../device-daemon/platform/embedded-platform';
import { SmsNotices } from '../../../../device-daemon/platform/sms/sms-notices';
import { applicationArgs, drained, harnessPerTest, person } from '../harness';

const harness = harnessPerTest();
const application = applicationArgs;

describe('case.progress', () => {
  it('answers a timeline by case number; a bad check character and an unknown case are told apart', async () => {
    const h = harness();
    h.identity = person('resident-valid');
    const { caseNo } = (await h.call('submission.submit', application())).result;
    await drained(h);
    const p = (await h.call('case.progress', { caseNo: caseNo.toLowerCase().replaceAll('-', ' ') })).result;
    expect(p.cases).toHaveLength(1);
    expect(p.cases[0]).toMatchObject({ caseNo, kind: 'application', status: 'received' });
    // before any staff step the item's deciding department holds it
    expect(p.cases[0].department?.zh).toMatch(/人力资源和社会保障|人社/);
    expect(p.cases[0].timeline.map((e: any) => [e.status, e.zh])).toEqual([
      ['submitted', '已提交，等待上传'],
      ['received', '已受理'],
    ]);
    // a staff step advances the embedded case file, with the department that took it
    const o = h.store.current()!;
    const platform = o.platform as EmbeddedPlatform;
    const notices = new SmsNotices(o.store.db, { name: 'test', send: async () => {} }, Date.now);
    const by = { staffNo: 'S001', department: '区人社局' };
    platform.work(caseNo, { step: 'accept' }, by, notices);
    platform.work(caseNo, { step: 'approve' }, by, notices);
    const done = (await h.call('case.progress', { caseNo })).result.cases[0];
    expect(done.status).toBe('approved');
    expect(done.timeline.map((e: any) => e.zh)).toEqual(['已提交，等待上传', '已受理', '审核中', '审核通过']);
    expect(done.timeline.at(-1).department).toBe('区人社局');
    // the resident reads which service this is and who holds it now (the latest step's department)
    expect(done.service).toEqual({ zh: '城乡居民基本养老保险参保登记', en: expect.any(String) });
    expect(done.department).toEqual({ zh: '区人社局' });

    const wrongCheck = caseNo.slice(0, -1) + (caseNo.endsWith('A') ? 'B' : 'A');
    expect((await h.call('case.progress', { caseNo: wrongCheck })).error).toMatchObject({ code: 'invalidArgs', detail: { field: 'caseNo', reason: 'check' } });
    expect((await h.call('case.progress', { caseNo: 'WD0001-2025' })).error).toMatchObject({ code: 'invalidArgs', detail: { reason: 'format' } });
    const valid = formatCaseNumber({ terminalId: 'WD0001', date: '20250101', seq: 9999 });
    expect((await h.call('case.progress', { caseNo: valid })).error?.code).toBe('notFound');
  });

  it('lists the identified person’s cases by card, and nobody else’s', async () => {
    const h = harness();
    h.identity = person('resident-valid');
    // One open application per item and person: the second case is a call for staff made with the card.
    const call = { kind: 'callStaff', applicant: 'sessionCard', idempotencyKey: crypto.randomUUID(), payload: { reason: 'help' } };
    const mine = [(await h.call('submission.submit', application())).result.caseNo, (await h.call('submission.submit', call)).result.caseNo];
    h.identity = person('resident-young');
    await h.call('submission.submit', application());
    await drained(h);
    h.identity = person('resident-valid');
    const r = (await h.call('case.progress', { byCard: true })).result;
    expect(r.cases.map((c: any) => c.caseNo).sort()).toEqual(mine.sort());
    h.identity = undefined;
    expect((await h.call('case.progress', { byCard: true })).error?.code).toBe('noSession');
  });
});
