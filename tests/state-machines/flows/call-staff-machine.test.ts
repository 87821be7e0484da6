import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { getSimplePaths } from 'xstate/graph';
import { callStaffMachine, type CallStaffEvent, type CallStaffRequest } from '../../../state-machines/flows/call-staff-machine';
import { done, failed, label, offered, replay, type HostSpy } from '../machine-walk';

const KEY = '00000000-0000-4000-8000-00000000000a';
const RESIDENT: CallStaffEvent[] = [{ type: 'CHOOSE', reason: 'help' }, { type: 'RETRY' }, { type: 'CANCEL' }];
const ON_DUTY = { onDuty: true, until: '2026-11-30T12:00+08:00', nextStart: null, hotline: '12345' };
const OFF_DUTY = { onDuty: false, until: null, nextStart: '2026-12-01T08:30+08:00', hotline: '12345' };
const ANSWERS = [
  done('dutyStatus', ON_DUTY),
  done('dutyStatus', OFF_DUTY),
  done('dutyStatus', { onDuty: null, until: null, nextStart: null, hotline: '12345' }),
  failed('dutyStatus', 'offline'),
  done('submitCall', { caseNo: 'WD0001-20261128-00001-K' }),
  failed('submitCall', 'storeUnavailable'),
  done('cancelCall'),
  failed('cancelCall', 'offline'),
];
const spies = (spy: HostSpy) => ({ dutyStatus: spy.request('dutyStatus'), submitCall: spy.request('submitCall'), cancelCall: spy.request('cancelCall') });

describe('call-staff flow', () => {
  const paths = getSimplePaths(callStaffMachine, {
    events: offered(RESIDENT, ANSWERS),
    input: { idempotencyKey: KEY },
    // The error stays while the retry is sent: a path can fail, retry and still succeed.
    serializeState: (s: SnapshotFrom<typeof callStaffMachine>) => JSON.stringify([s.value, s.context.error ?? null]),
  });

  it('reaches called; on every path each send carries the same idempotency key, one send at a time, one per choice or retry', () => {
    expect(paths.some((p) => p.state.value === 'called')).toBe(true);
    expect(paths.some((p) => p.steps.filter((s) => s.event.type === 'RETRY').length > 0 && p.state.value === 'called')).toBe(true);
    for (const p of paths) {
      const events = p.steps.map((s) => s.event);
      const { spy, trace } = replay(callStaffMachine, spies, events, { idempotencyKey: KEY });
      const sends = spy.startsOf<CallStaffRequest>('submitCall');
      for (const s of sends) expect(s.input, events.map(label).join()).toEqual({ reason: 'help', idempotencyKey: KEY });
      // One send per entry into "sending": the first choice plus each retry after a failure.
      expect(sends.length).toBe(trace.filter((t) => t.to.value === 'sending' && t.from.value !== 'sending').length);
      expect(spy.peak('submitCall')).toBeLessThanOrEqual(1);
    }
  });

  it('a failure keeps the code for the screen and a retry can still succeed', () => {
    const { end, spy } = replay(
      callStaffMachine,
      spies,
      [done('dutyStatus', ON_DUTY), { type: 'CHOOSE', reason: 'accessibility' }, failed('submitCall', 'storeUnavailable'), { type: 'RETRY' }, done('submitCall', { caseNo: 'X' })],
      { idempotencyKey: KEY },
    );
    expect(end.matches('called')).toBe(true);
    expect(end.context).toMatchObject({ caseNo: 'X', error: undefined });
    expect(spy.startsOf('submitCall').map((s) => s.at)).toEqual([1, 3]);
    const failedOnce = replay(callStaffMachine, spies, [done('dutyStatus', ON_DUTY), { type: 'CHOOSE', reason: 'accessibility' }, failed('submitCall', 'storeUnavailable')], { idempotencyKey: KEY });
    expect(failedOnce.end.context.error).toBe('storeUnavailable');
  });

  it('on every path: off duty nothing is sent (the hotline instead); a call is cancelled only once sent, with its own case number', () => {
    expect(paths.some((p) => p.state.value === 'offDuty')).toBe(true);
    expect(paths.some((p) => p.state.value === 'cancelled')).toBe(true);
    for (const p of paths) {
      const events = p.steps.map((s) => s.event);
      const why = events.map(label).join(' ');
      const { spy, trace } = replay(callStaffMachine, spies, events, { idempotencyKey: KEY });
      if (trace.some((t) => t.to.value === 'offDuty')) expect(spy.startsOf('submitCall'), why).toEqual([]);
      for (const c of spy.startsOf<{ caseNo: string }>('cancelCall')) expect(c.input, why).toEqual({ caseNo: 'WD0001-20261128-00001-K' });
      // A duty status that cannot be learnt lets the call go ahead.
      if (trace.some((t) => t.event.type === 'xstate.error.actor.dutyStatus')) expect(trace.at(-1)!.to.value, why).not.toBe('offDuty');
    }
  });
});
