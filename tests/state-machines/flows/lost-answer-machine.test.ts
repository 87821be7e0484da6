import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { getSimplePaths } from 'xstate/graph';
import { lostAnswerMachine, type LostAnswerEvent } from '../../../state-machines/flows/lost-answer-machine';
import { done, elapsed, failed, label, offered, replay, type HostSpy } from '../machine-walk';

const KEY = '00000000-0000-4000-8000-00000000000b';
const CASE = { caseNo: 'WD0001-20261130-00001-K', acceptedAt: '2026-11-30T10:00:00+08:00', promisedDate: '2026-12-07', provisional: false, duplicate: true };
const CALL_KEY = '00000000-0000-4000-8000-0000000000c1';
const RESIDENT: LostAnswerEvent[] = [{ type: 'RETRY' }, { type: 'PRINT' }, { type: 'FINISH' }, { type: 'CALL_STAFF', idempotencyKey: CALL_KEY }, { type: 'CLOSE_CALL' }];
const ANSWERS = [done('outcome', CASE), failed('outcome', 'notFound'), failed('outcome', 'offline'), done('printReceipt'), failed('printReceipt', 'paperOut')];
const spies = (spy: HostSpy) => ({ outcome: spy.request('outcome'), printReceipt: spy.request('printReceipt'), callStaff: spy.stream('callStaff') });

describe('the answer a daemon crash took', () => {
  const paths = getSimplePaths(lostAnswerMachine, {
    events: offered(RESIDENT, ANSWERS),
    input: { idempotencyKey: KEY },
    serializeState: (s: SnapshotFrom<typeof lostAnswerMachine>) => JSON.stringify([s.value, s.context.error ?? null, s.context.printError ?? null]),
  });

  it('on every path it asks only by the page’s key, prints only the receipt of the case the daemon named, one job at a time, and never sends a submission', () => {
    for (const end of ['printed', 'printFailed']) expect(paths.some((p) => JSON.stringify(p.state.value).includes(end))).toBe(true);
    expect(paths.some((p) => p.state.value === 'notAccepted')).toBe(true);
    expect(paths.some((p) => p.state.value === 'done')).toBe(true);
    for (const p of paths) {
      const events = p.steps.map((s) => s.event);
      const { spy, trace } = replay(lostAnswerMachine, spies, events, { idempotencyKey: KEY });
      const why = events.map(label).join(' ');
      for (const s of spy.startsOf('outcome')) expect(s.input, why).toEqual({ idempotencyKey: KEY });
      for (const s of spy.startsOf('printReceipt')) expect(s.input, why).toEqual({ caseNo: CASE.caseNo });
      expect(spy.peak('printReceipt')).toBeLessThanOrEqual(1);
      // A print starts only after the daemon said the case was accepted, never after notFound.
      const notFoundAt = events.findIndex((e) => label(e) === 'outcome✗notFound');
      if (notFoundAt >= 0)
        expect(
          spy.startsOf('printReceipt').filter((s) => s.at > notFoundAt),
          why,
        ).toEqual([]);
      expect(trace.every((t) => Object.keys(t.running).every((n) => n === 'outcome' || n === 'printReceipt' || n === 'callStaff'))).toBe(true);
      // A call to staff starts on CALL_STAFF from a shown answer (not while asking or printing), with the key of the tap.
      for (const c of spy.startsOf('callStaff')) {
        expect(trace[c.at]!.event.type, why).toBe('CALL_STAFF');
        expect(c.input, why).toEqual({ idempotencyKey: CALL_KEY });
        expect(trace[c.at]!.from.matches('asking') || trace[c.at]!.from.matches({ accepted: 'printing' }), why).toBe(false);
      }
      // Back from the call: the answer as it was, asked and printed no more.
      for (const [i, t] of trace.entries()) {
        if (t.event.type !== 'CLOSE_CALL' || !t.from.matches('callingStaff')) continue;
        const before = trace.findLast((u, j) => j < i && u.event.type === 'CALL_STAFF' && u.to.matches('callingStaff'))!;
        expect(t.to.value, why).toEqual(before.from.value);
        expect(t.running.outcome ?? 0, why).toBe(0);
        expect(t.running.printReceipt ?? 0, why).toBe(0);
      }
    }
    expect(paths.some((p) => p.steps.some((s) => s.event.type === 'CLOSE_CALL'))).toBe(true);
  });

  it('staff called from a failed print: back to the number and the reprint, and a call left alone comes back to the answer, which then clears itself', () => {
    const call: LostAnswerEvent = { type: 'CALL_STAFF', idempotencyKey: CALL_KEY };
    const { end, spy } = replay(lostAnswerMachine, spies, [done('outcome', CASE), failed('printReceipt', 'paperOut'), call, { type: 'CLOSE_CALL' }], { idempotencyKey: KEY });
    expect(end.value).toEqual({ accepted: 'printFailed' });
    expect(spy.startsOf('callStaff')).toEqual([{ at: 2, input: { idempotencyKey: CALL_KEY } }]);
    expect(spy.startsOf('printReceipt')).toHaveLength(1);
    const left = replay(lostAnswerMachine, spies, [failed('outcome', 'notFound'), call, elapsed('linger', 'lostAnswer.callingStaff'), elapsed('linger', 'lostAnswer.notAccepted')], {
      idempotencyKey: KEY,
    });
    expect(left.trace[2]!.to.value).toBe('notAccepted');
    expect(left.trace[2]!.running.callStaff ?? 0).toBe(0);
    expect(left.end.status).toBe('done');
  });

  it('accepted: the case is shown and its receipt printed; a failed print keeps the number on screen and prints again on PRINT', () => {
    const { end, spy } = replay(lostAnswerMachine, spies, [done('outcome', CASE), failed('printReceipt', 'paperOut'), { type: 'PRINT' }, done('printReceipt')], { idempotencyKey: KEY });
    expect(end.value).toEqual({ accepted: 'printed' });
    expect(end.context.accepted).toEqual(CASE);
    expect(spy.startsOf('printReceipt').map((s) => s.at)).toEqual([0, 2]);
  });

  it('not accepted (notFound) is said as such; a daemon that cannot answer yet is asked again on RETRY', () => {
    expect(replay(lostAnswerMachine, spies, [failed('outcome', 'notFound')], { idempotencyKey: KEY }).end.value).toBe('notAccepted');
    const again = replay(lostAnswerMachine, spies, [failed('outcome', 'offline'), { type: 'RETRY' }, done('outcome', CASE)], { idempotencyKey: KEY });
    expect(again.spy.startsOf('outcome').map((s) => s.at)).toEqual([-1, 1]);
    expect(again.end.value).toEqual({ accepted: 'printing' });
  });

  it('left alone, the screen clears itself: the case number is not left up for the next person', () => {
    const left = replay(lostAnswerMachine, spies, [done('outcome', CASE), done('printReceipt'), elapsed('linger', 'lostAnswer.accepted')], { idempotencyKey: KEY });
    expect(left.end.status).toBe('done');
    expect(replay(lostAnswerMachine, spies, [failed('outcome', 'notFound'), elapsed('linger', 'lostAnswer.notAccepted')], { idempotencyKey: KEY }).end.status).toBe('done');
  });
});
