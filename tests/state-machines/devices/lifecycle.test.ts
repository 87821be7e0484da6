import { describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { deviceLifecycleMachine, openFailureOf, type LifecycleEvent } from '../../../state-machines/devices/lifecycle';
import { done, elapsed, label, offered, replay, type Answer, type Elapsed, type HostSpy } from '../machine-walk';

/**
 * The lifecycle every device shares, walked as a graph: open and close are
 * answered only while they run, the backoff elapses only in the states that
 * wait, and the device's own reports (LOST, FAULT …) may come at any time.
 */
type Snap = SnapshotFrom<typeof deviceLifecycleMachine>;
type WalkEvent = LifecycleEvent | Answer | Elapsed;

const DEVICE: LifecycleEvent[] = [
  { type: 'LOST', message: 'unplugged' },
  { type: 'FAULT', message: 'cover open' },
  { type: 'BUSY' },
  { type: 'IDLE' },
  { type: 'RECOVERED' },
  { type: 'RETRY' },
  { type: 'STOP' },
];
/** An open that failed, as the device rejects it (OpenFailure; `code` only names it in failure messages). */
const openFailed = (reason: 'noDevice' | 'hardwareError') => ({ type: 'xstate.error.actor.openDevice', error: { code: reason, reason, message: `${reason} at open` } }) as Answer;
const ANSWERS: Answer[] = [done('openDevice'), openFailed('noDevice'), openFailed('hardwareError'), done('closeDevice')];
const WAITING = ['offline', 'noDevice', 'hardwareError'] as const;
const backoff = (state: (typeof WAITING)[number]) => elapsed('retryDelay', `deviceLifecycle.${state}`);

const events = (s: Snap) => [...offered(DEVICE, ANSWERS)(s), ...WAITING.filter((w) => s.matches(w)).map(backoff)] as LifecycleEvent[];
// The attempt count grows with every failed open and the reason is free text: the walk tells apart only whether an open failed since the last good one (and whether a RETRY came during the open).
const serializeState = (s: Snap) => JSON.stringify([s.value, s.context.attempt > 0, s.context.retryAsked]);
const spies = (spy: HostSpy) => ({ openDevice: spy.request('openDevice'), closeDevice: spy.request('closeDevice') });
const run = (evs: readonly WalkEvent[]) => {
  const r = replay(deviceLifecycleMachine, spies, evs as never);
  r.actor.stop(); // the walk is over: its real backoff timers must not fire later
  return r;
};
const stepsWhere = <T>(trace: T[], pick: (t: T) => boolean) => trace.flatMap((t, i) => (pick(t) ? [i] : []));

describe('device lifecycle graph', () => {
  const shortest = getShortestPaths(deviceLifecycleMachine, { events, serializeState });
  const simple = getSimplePaths(deviceLifecycleMachine, { events, serializeState });

  it('reaches every state a device can be in', () => {
    expect(new Set(shortest.map((p) => String(p.state.value)))).toEqual(new Set(['starting', 'online', 'busy', 'offline', 'noDevice', 'hardwareError', 'stopped']));
  });

  it('on every simple path: one open per start, running exactly while starting; a close on every loss; a retry only after the backoff or when asked', () => {
    expect(simple.length).toBeGreaterThan(50);
    for (const path of simple) {
      const evs = path.steps.map((s) => s.event);
      const why = evs.map(label).join(' ');
      const { spy, trace } = run(evs);
      for (const t of trace) expect(t.running.openDevice ?? 0, why).toBe(t.to.matches('starting') ? 1 : 0);
      const starts = stepsWhere(trace, (t) => t.to.matches('starting') && !t.from.matches('starting'));
      expect(
        spy.startsOf('openDevice').map((o) => o.at),
        why,
      ).toEqual([-1, ...starts]);
      // Only a device that is waiting to reconnect opens again: not one that is online, busy or starting.
      for (const at of starts) {
        expect(
          ['RETRY', 'xstate.after.retryDelay'].some((e) => trace[at]!.event.type.startsWith(e)),
          why,
        ).toBe(true);
        expect(
          WAITING.some((w) => trace[at]!.from.matches(w)),
          why,
        ).toBe(true);
      }
      expect(
        spy.startsOf('closeDevice').map((c) => c.at),
        why,
      ).toEqual(stepsWhere(trace, (t) => t.to.matches('offline') && !t.from.matches('offline')));
    }
  });

  it('on every simple path: a failed open counts an attempt and says why (noDevice when not attached), a good one resets the count', () => {
    for (const path of simple) {
      const evs = path.steps.map((s) => s.event);
      const why = evs.map(label).join(' ');
      const { trace } = run(evs);
      for (const t of trace) {
        if (t.event.type === 'xstate.error.actor.openDevice') {
          const failure = openFailureOf((t.event as { error: unknown }).error);
          expect(t.to.value, why).toBe(failure.reason);
          expect(t.to.context.attempt, why).toBe(t.from.context.attempt + 1);
          expect(t.to.context.reason, why).toBe(failure.message);
        }
        if (t.event.type === 'xstate.done.actor.openDevice') expect(t.to.context, why).toEqual({ attempt: 0, reason: undefined, retryAsked: false });
        if (t.event.type === 'STOP') expect(t.to.value, why).toBe('stopped');
      }
    }
  });
});

describe('device lifecycle: a replug while an open runs', () => {
  it('on every simple path: a RETRY during an open is kept until that open ends; after a failure it makes the wait zero, after success it is forgotten', () => {
    const simple = getSimplePaths(deviceLifecycleMachine, { events, serializeState });
    for (const path of simple) {
      const evs = path.steps.map((s) => s.event);
      const why = evs.map(label).join(' ');
      const { trace } = run(evs);
      for (const t of trace) {
        const fromStarting = t.from.matches('starting');
        if (t.event.type === 'RETRY' && fromStarting) expect([t.to.value, t.to.context.retryAsked], why).toEqual(['starting', true]);
        if (t.event.type === 'xstate.error.actor.openDevice') expect(t.to.context.retryAsked, why).toBe(t.from.context.retryAsked);
        if ((['online', 'busy', 'offline'] as const).some((v) => t.to.matches(v))) expect(t.to.context.retryAsked, why).toBe(false);
        if (t.to.matches('starting') && !fromStarting) expect(t.to.context.retryAsked, why).toBe(false);
      }
    }
  });

  it('with the real timers: the next open starts at once after the failed one, not after the backoff', async () => {
    vi.useFakeTimers();
    try {
      const opens: Array<{ reject: (e: unknown) => void }> = [];
      const actor = createActor(
        deviceLifecycleMachine.provide({
          actors: {
            openDevice: fromPromise(() => new Promise<void>((_resolve, reject) => opens.push({ reject }))),
            closeDevice: fromPromise(async () => {}),
          },
          delays: { retryDelay: ({ context }) => (context.retryAsked ? 0 : 10_000) },
        }),
      ).start();
      expect(opens).toHaveLength(1);
      actor.send({ type: 'RETRY' }); // the device came back while the first open was failing
      opens[0]!.reject({ reason: 'noDevice', message: 'not there when the open began' });
      await vi.advanceTimersByTimeAsync(0);
      expect(actor.getSnapshot().context.attempt).toBe(1);
      expect(opens).toHaveLength(2);
      // Without a RETRY the next failure waits for the backoff.
      opens[1]!.reject({ reason: 'noDevice', message: 'still not there' });
      await vi.advanceTimersByTimeAsync(9_999);
      expect(actor.getSnapshot().value).toBe('noDevice');
      expect(opens).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(opens).toHaveLength(3);
      actor.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('device lifecycle: what the host gets wrong', () => {
  it('an open that failed without saying why counts as a hardware error', () => {
    const { end } = run([{ type: 'xstate.error.actor.openDevice', error: new Error('EACCES') } as unknown as Answer]);
    expect(end.value).toBe('hardwareError');
    expect(end.context.reason).toBe('EACCES');
  });

  it('stopping while the open runs stops the open: its late answer changes nothing', () => {
    const { spy, trace, end } = run([{ type: 'STOP' }]);
    expect(spy.startsOf('openDevice')).toHaveLength(1);
    expect(trace[0]!.running.openDevice).toBe(0);
    expect(end.value).toBe('stopped');
    expect(end.status).toBe('done');
  });
});
