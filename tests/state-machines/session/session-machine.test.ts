import { describe, expect, it, vi, afterEach } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { sessionMachine, type SessionEvent } from '../../../state-machines/session/session-machine';

const EVENTS: SessionEvent[] = [
  { type: 'START' },
  { type: 'ACTIVITY' },
  { type: 'EXTEND' },
  { type: 'END' },
  { type: 'IDLE_ELAPSED' },
  { type: 'WARNING_ELAPSED' },
  { type: 'SET_LOCALE', locale: 'en' },
  { type: 'TOGGLE_ELDER' },
];

type Snap = SnapshotFrom<typeof sessionMachine>;
// The extension counter grows without bound; the graph is over what a resident can see.
const serializeState = (s: Snap) => JSON.stringify([s.value, s.context.locale, s.context.elderMode]);

function walk(events: readonly SessionEvent[]) {
  const wiped: string[] = [];
  const actor = createActor(
    sessionMachine.provide({ actions: { wipeSession: (_, p) => void wiped.push(p.reason) } }),
    { input: { locale: 'zh-CN', elderMode: false } },
  ).start();
  for (const e of events) actor.send(e);
  return { snap: actor.getSnapshot(), wiped };
}

describe('session machine graph', () => {
  const shortest = getShortestPaths(sessionMachine, { input: {}, events: EVENTS, serializeState });
  const simple = getSimplePaths(sessionMachine, { input: {}, events: EVENTS, serializeState });

  it('reaches every state a resident can be in', () => {
    const values = new Set(shortest.map((p) => JSON.stringify(p.state.value)));
    expect(values).toEqual(new Set(['"attract"', '{"inSession":"active"}', '{"inSession":"warning"}']));
  });

  it('on every simple path, leaving a session wipes exactly once and restores the defaults', () => {
    expect(simple.length).toBeGreaterThan(10);
    for (const path of simple) {
      const wiped: string[] = [];
      const actor = createActor(sessionMachine.provide({ actions: { wipeSession: (_, p) => void wiped.push(p.reason) } }), {
        input: { locale: 'zh-CN', elderMode: false },
      }).start();
      let resets = 0;
      for (const step of path.steps) {
        const before = actor.getSnapshot();
        actor.send(step.event);
        const after = actor.getSnapshot();
        if (before.matches('inSession') && after.matches('attract')) {
          resets++;
          expect(after.context).toMatchObject({ locale: 'zh-CN', elderMode: false, extensions: 0 });
        }
        expect(wiped.length).toBe(resets);
      }
    }
  });

  it('a timeout from warning wipes with reason timeout', () => {
    const path = shortest.find((p) => p.state.matches({ inSession: 'warning' }))!;
    const { wiped, snap } = walk([...path.steps.map((s) => s.event), { type: 'WARNING_ELAPSED' }]);
    expect(snap.matches('attract')).toBe(true);
    expect(wiped).toEqual(['timeout']);
  });
});

describe('session machine timers (fake clock)', () => {
  afterEach(() => vi.useRealTimers());

  function start(idle = 60_000, warn = 20_000) {
    vi.useFakeTimers();
    const wiped: string[] = [];
    const actor = createActor(
      sessionMachine.provide({ delays: { idleTimeout: idle, warningTimeout: warn }, actions: { wipeSession: (_, p) => void wiped.push(p.reason) } }),
      { input: { locale: 'en', elderMode: true } },
    ).start();
    return { actor, wiped };
  }

  it('warns after the idle time and resets after the warning', () => {
    const { actor, wiped } = start();
    actor.send({ type: 'START' });
    actor.send({ type: 'TOGGLE_ELDER' });
    vi.advanceTimersByTime(59_999);
    expect(actor.getSnapshot().matches({ inSession: 'active' })).toBe(true);
    vi.advanceTimersByTime(1);
    expect(actor.getSnapshot().matches({ inSession: 'warning' })).toBe(true);
    vi.advanceTimersByTime(19_999);
    expect(actor.getSnapshot().matches({ inSession: 'warning' })).toBe(true);
    vi.advanceTimersByTime(1);
    expect(actor.getSnapshot().matches('attract')).toBe(true);
    expect(wiped).toEqual(['timeout']);
    // Back to the configured defaults for the next person.
    expect(actor.getSnapshot().context.elderMode).toBe(true);
    expect(actor.getSnapshot().context.locale).toBe('en');
  });

  it('activity restarts the idle timer', () => {
    const { actor } = start();
    actor.send({ type: 'START' });
    vi.advanceTimersByTime(50_000);
    actor.send({ type: 'ACTIVITY' });
    vi.advanceTimersByTime(50_000);
    expect(actor.getSnapshot().matches({ inSession: 'active' })).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(actor.getSnapshot().matches({ inSession: 'warning' })).toBe(true);
  });

  it('the warning can be extended at least 10 times (WCAG 2.2.1)', () => {
    const { actor, wiped } = start();
    actor.send({ type: 'START' });
    for (let i = 0; i < 12; i++) {
      vi.advanceTimersByTime(60_000);
      expect(actor.getSnapshot().matches({ inSession: 'warning' })).toBe(true);
      vi.advanceTimersByTime(19_000);
      actor.send({ type: 'EXTEND' });
      expect(actor.getSnapshot().matches({ inSession: 'active' })).toBe(true);
    }
    expect(actor.getSnapshot().context.extensions).toBe(12);
    expect(wiped).toEqual([]);
  });

  it('ending by the user wipes with reason user and stops timers', () => {
    const { actor, wiped } = start();
    actor.send({ type: 'START' });
    actor.send({ type: 'END', reason: 'user' });
    vi.advanceTimersByTime(500_000);
    expect(actor.getSnapshot().matches('attract')).toBe(true);
    expect(wiped).toEqual(['user']);
  });
});
