import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { provideCallStaff } from '../../../kiosk-ui/src/flows/call-staff';
import { waitUntil } from '../../helpers/wait';
import { FakeDaemon } from '../fake-daemon';

const KEY = '00000000-0000-4000-8000-0000000000b1';

describe('呼叫工作人员 wired to the daemon', () => {
  it('sends the request with the key the feature was opened with; a retry after a failure resends it unchanged', async () => {
    const daemon = new FakeDaemon();
    const actor = createActor(provideCallStaff(daemon), { input: { idempotencyKey: KEY } }).start();
    daemon.answer('callStaff.duty', { onDuty: true, until: '2026-11-28T12:00+08:00', nextStart: null, hotline: '12345' });
    await waitUntil(() => actor.getSnapshot().matches('choosing'), { what: 'the reasons once staff are on duty' });
    actor.send({ type: 'CHOOSE', reason: 'accessibility' });
    daemon.fail('submission.submit', 'storeUnavailable');
    await waitUntil(() => actor.getSnapshot().matches('failed'), { what: 'the failure' });
    actor.send({ type: 'RETRY' });
    const sent = daemon.sent('submission.submit');
    expect(sent).toEqual([
      { kind: 'callStaff', idempotencyKey: KEY, payload: { reason: 'accessibility' } },
      { kind: 'callStaff', idempotencyKey: KEY, payload: { reason: 'accessibility' } },
    ]);
    daemon.answer('submission.submit', { caseNo: 'WD0001-20261128-00002-K', acceptedAt: '2026-11-28T10:00:00+08:00', promisedDate: null, provisional: false, duplicate: true });
    await waitUntil(() => actor.getSnapshot().matches('called'), { what: 'the call to be recorded' });
    expect(actor.getSnapshot().context.caseNo).toBe('WD0001-20261128-00002-K');
    // The resident no longer needs staff: the cancel names this call.
    actor.send({ type: 'CANCEL' });
    expect(daemon.sent('callStaff.cancel')).toEqual([{ caseNo: 'WD0001-20261128-00002-K' }]);
    daemon.answer('callStaff.cancel', { cancelled: true });
    await waitUntil(() => actor.getSnapshot().status === 'done', { what: 'the cancel' });
    expect(actor.getSnapshot().value).toBe('cancelled');
  });

  it('off duty nothing is sent: the screen has the next duty time and the hotline', async () => {
    const daemon = new FakeDaemon();
    const actor = createActor(provideCallStaff(daemon), { input: { idempotencyKey: KEY } }).start();
    daemon.answer('callStaff.duty', { onDuty: false, until: null, nextStart: '2026-11-30T08:30+08:00', hotline: '12345' });
    await waitUntil(() => actor.getSnapshot().matches('offDuty'), { what: 'the off-duty answer' });
    expect(actor.getSnapshot().context.duty?.hotline).toBe('12345');
    expect(daemon.sent('submission.submit')).toEqual([]);
  });
});
