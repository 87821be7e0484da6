import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { provideEvaluate } from '../../../kiosk-ui/src/flows/evaluate';
import { waitUntil } from '../../helpers/wait';
import { FakeDaemon } from '../fake-daemon';

const KEY = '00000000-0000-4000-8000-0000000000b2';

describe('好差评 wired to the daemon', () => {
  it('an anonymous rating; the reasons of a 差评 and a case number only when given', async () => {
    const daemon = new FakeDaemon();
    const good = createActor(provideEvaluate(daemon), { input: { idempotencyKey: KEY } }).start();
    good.send({ type: 'RATE', level: 4 });
    good.send({ type: 'SUBMIT' });
    const poor = createActor(provideEvaluate(daemon), { input: { idempotencyKey: KEY } }).start();
    poor.send({ type: 'RATE', level: 1 });
    poor.send({ type: 'TOGGLE_REASON', code: 'trips' });
    poor.send({ type: 'NEXT' });
    poor.send({ type: 'TYPE_CASE', caseNo: 'wd0001-20261128-00001-k' });
    poor.send({ type: 'SUBMIT' });
    expect(daemon.sent('submission.submit')).toEqual([
      { kind: 'evaluation', idempotencyKey: KEY, payload: { level: 4, reasons: [], anonymous: true } },
      { kind: 'evaluation', idempotencyKey: KEY, payload: { level: 1, reasons: ['trips'], anonymous: true, caseNo: 'WD0001-20261128-00001-K' } },
    ]);
    daemon.answer('submission.submit', { caseNo: 'WD0001-20261128-00003-E', acceptedAt: '2026-11-28T10:00:00+08:00', promisedDate: null, provisional: false, duplicate: false });
    await waitUntil(() => good.getSnapshot().matches('thanks'), { what: 'the thanks screen' });
  });
});
