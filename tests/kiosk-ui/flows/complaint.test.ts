import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { provideComplaint } from '../../../kiosk-ui/src/flows/complaint';
import { inFlightSubmission } from '../../../kiosk-ui/src/flows/in-flight-submission';
import { waitUntil } from '../../helpers/wait';
import { FakeDaemon } from '../fake-daemon';

const KEY = '00000000-0000-4000-8000-0000000000c9';
const RATING_KEY = '00000000-0000-4000-8000-0000000000e9';

function toCheck(daemon: FakeDaemon, phone: string) {
  const actor = createActor(provideComplaint(daemon), { input: { idempotencyKey: KEY, ratingKey: RATING_KEY } }).start();
  actor.send({ type: 'CHOOSE_CATEGORY', category: 'efficiency' });
  actor.send({ type: 'TOGGLE_STATEMENT', id: 'overdue' });
  actor.send({ type: 'TOGGLE_STATEMENT', id: 'callMe' });
  actor.send({ type: 'NEXT' });
  actor.send({ type: 'TYPE_PHONE', phone });
  actor.send({ type: 'NEXT' });
  return actor;
}

describe('有诉即办 wired to the daemon', () => {
  it('records the consent to the call-back phone first, then sends the statements in Chinese with the phone, no promised days; shows the date the daemon promises; prints its receipt', async () => {
    const daemon = new FakeDaemon();
    const actor = toCheck(daemon, '13712345678');
    actor.send({ type: 'SUBMIT' });
    expect(daemon.sent('consent.record')).toEqual([{ purpose: 'complaintCallback', textVersion: expect.stringMatching(/^complaintCallback-[0-9a-f]{8}$/) }]);
    expect(daemon.sent('submission.submit')).toEqual([]);
    daemon.answer('consent.record', { purpose: 'complaintCallback', textVersion: 'v', recordedAt: '2026-11-28T10:00:00+08:00' });
    await waitUntil(() => daemon.sent('submission.submit').length > 0, { what: 'the submission' });
    expect(daemon.sent('submission.submit')).toEqual([
      { kind: 'complaint', idempotencyKey: KEY, payload: { category: 'efficiency', text: '超过承诺时限还没有办结；请工作人员给我回电详谈', callbackPhone: '13712345678' } },
    ]);
    daemon.answer('submission.submit', { caseNo: 'WD0001-20261128-00009-Q', acceptedAt: '2026-11-28T10:00:00+08:00', promisedDate: '2026-12-05', provisional: false, duplicate: false });
    await waitUntil(() => daemon.sent('receipt.print').length > 0, { what: 'the receipt print' });
    expect(actor.getSnapshot().context).toMatchObject({ caseNo: 'WD0001-20261128-00009-Q', promisedDate: '2026-12-05' });
    expect(daemon.sent('receipt.print')).toEqual([{ caseNo: 'WD0001-20261128-00009-Q' }]);
  });

  it('a lost answer is resent unchanged with the same key', async () => {
    const daemon = new FakeDaemon();
    const actor = toCheck(daemon, '');
    actor.send({ type: 'SUBMIT' });
    daemon.fail('submission.submit', 'timeout');
    await waitUntil(() => actor.getSnapshot().matches('submitFailed'), { what: 'the failure screen' });
    actor.send({ type: 'RETRY' });
    const [first, second] = daemon.sent('submission.submit');
    expect(second).toEqual(first);
    expect(first).not.toHaveProperty('payload.callbackPhone');
    // No phone, no personal data: nothing to consent to.
    expect(daemon.sent('consent.record')).toEqual([]);
  });

  it('the complaint’s key is held in memory while its answer or its receipt’s is lost, and settled by the daemon’s answers', async () => {
    inFlightSubmission.settled(KEY); // an earlier test's receipt was never answered (the holder is the page's, shared here)
    const daemon = new FakeDaemon();
    const actor = toCheck(daemon, '');
    actor.send({ type: 'SUBMIT' });
    daemon.fail('submission.submit', 'offline');
    await waitUntil(() => actor.getSnapshot().matches('submitFailed'), { what: 'the failure screen' });
    expect(inFlightSubmission.inDoubt()).toBe(KEY);
    actor.send({ type: 'RETRY' });
    daemon.answer('submission.submit', { caseNo: 'WD0001-20261128-00010-Q', acceptedAt: '2026-11-28T10:00:00+08:00', promisedDate: '2026-12-05', provisional: false, duplicate: true });
    await waitUntil(() => daemon.sent('receipt.print').length > 0, { what: 'the receipt print' });
    expect(inFlightSubmission.inDoubt()).toBe(KEY);
    daemon.answer('receipt.print', { jobId: 'pj-a-1', state: 'done', layout: 'complaintReceipt', bytes: 1, paperMm: 1 });
    await waitUntil(() => inFlightSubmission.inDoubt() === undefined, { what: 'the key settled' });
  });
});
