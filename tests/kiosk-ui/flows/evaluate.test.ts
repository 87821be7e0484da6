import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { provideEvaluate } from '../../../kiosk-ui/src/flows/evaluate';
import { waitUntil } from '../../helpers/wait';
import { FakeDaemon } from '../fake-daemon';

const KEY = '00000000-0000-4000-8000-0000000000b2';
const CASE = 'WD0001-20261128-00001-K';
const invitation = { eventKey: CASE, caseNo: CASE, url: `https://x.example/hcp?case=${CASE}`, device: { shows: 'qr' as const, rates: true, state: 'online' }, alreadyRated: false };

describe('我要评价 wired to the daemon', () => {
  it('a past case by number: invited by its case number, a press on the device is the rating (channel device), with the reasons of a 差评', async () => {
    const daemon = new FakeDaemon();
    const flow = createActor(provideEvaluate(daemon), { input: { idempotencyKey: KEY } }).start();
    expect(daemon.sent('scanner.arm')).toEqual([{ purpose: 'caseNo' }]);
    flow.send({ type: 'TYPE_CASE', caseNo: CASE.toLowerCase() });
    flow.send({ type: 'SUBMIT' });
    expect(daemon.sent('evaluation.invite')).toEqual([{ caseNo: CASE }]);
    daemon.answer('evaluation.invite', invitation);
    const child = () => flow.getSnapshot().children.evaluation!;
    await waitUntil(() => child().getSnapshot().matches('rating'), { what: 'the rating screen' });
    // A press for another event is not this one's rating.
    daemon.emit('evaluation.devicePress', { eventKey: 'EV-OTHER', level: 5, at: '2026-11-28T10:00:00+08:00' });
    daemon.emit('evaluation.devicePress', { eventKey: CASE, level: 2, at: '2026-11-28T10:00:00+08:00' });
    expect(child().getSnapshot().value).toBe('reasons');
    child().send({ type: 'TOGGLE_REASON', code: 'trips' });
    child().send({ type: 'NEXT' });
    expect(daemon.sent('evaluation.rate')).toEqual([{ idempotencyKey: KEY, eventKey: CASE, channel: 'device', level: 2, reasons: ['trips'] }]);
    expect(daemon.sent('submission.submit')).toEqual([]);
  });

  it('a case already rated is said so, and nothing is sent', async () => {
    const daemon = new FakeDaemon();
    const flow = createActor(provideEvaluate(daemon), { input: { idempotencyKey: KEY } }).start();
    flow.send({ type: 'SCANNED', caseNo: CASE });
    daemon.answer('evaluation.invite', { ...invitation, alreadyRated: true });
    await waitUntil(() => flow.getSnapshot().children.evaluation?.getSnapshot().matches('rated') === true, { what: 'the already-rated screen' });
    expect(daemon.sent('evaluation.rate')).toEqual([]);
  });

  it('a malformed number comes back to the number with the daemon refusal', async () => {
    const daemon = new FakeDaemon();
    const flow = createActor(provideEvaluate(daemon), { input: { idempotencyKey: KEY } }).start();
    flow.send({ type: 'TYPE_CASE', caseNo: 'WD0001-2026' });
    flow.send({ type: 'SUBMIT' });
    daemon.fail('evaluation.invite', 'invalidArgs');
    await waitUntil(() => flow.getSnapshot().matches('entering') && flow.getSnapshot().context.error === 'invalidArgs', { what: 'the number asked again' });
  });
});
