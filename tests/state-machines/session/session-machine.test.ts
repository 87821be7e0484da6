import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, createMachine, fromPromise, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { cardReminderDue, sessionMachine, type EndReason, type SessionEvent } from '../../../state-machines/session/session-machine';
import { done, elapsed, failed, label, offered, replay, type Answer, type HostSpy } from '../machine-walk';

const RESIDENT: SessionEvent[] = [{ type: 'START' }, { type: 'ACTIVITY' }, { type: 'EXTEND' }, { type: 'END' }, { type: 'SET_LOCALE', locale: 'en' }, { type: 'TOGGLE_ELDER' }];
// The timers are named delays: the walk lets them elapse as events, only in the state that runs them.
const IDLE = elapsed('idleTimeout', 'session.inSession.active');
const WARNING = elapsed('warningTimeout', 'session.inSession.warning');
const walkEvents = (wipeAnswers: Answer[]) => (s: SnapshotFrom<typeof sessionMachine>) =>
  [...RESIDENT, ...(s.matches({ inSession: 'active' }) ? [IDLE] : []), ...(s.matches({ inSession: 'warning' }) ? [WARNING] : []), ...offered([], wipeAnswers)(s)] as SessionEvent[];
const events = walkEvents([done('wipe'), failed('wipe', 'offline')]);

type Snap = SnapshotFrom<typeof sessionMachine>;
// The extension counter grows without bound; the graph is over what a resident can see.
const serializeState = (s: Snap) => JSON.stringify([s.value, s.context.locale, s.context.elderMode]);
const spies = (spy: HostSpy) => ({ journey: spy.request('journey'), wipe: spy.request('wipe') });

describe('session machine graph', () => {
  const shortest = getShortestPaths(sessionMachine, { input: {}, events, serializeState });
  // A wipe that fails ends the session the same way (walked by shortest paths and by hand below); leaving it out
  // of the exhaustive walk keeps it to a few thousand paths.
  const simple = getSimplePaths(sessionMachine, { input: {}, events: walkEvents([done('wipe')]), serializeState });

  it('reaches every state a resident can be in', () => {
    const values = new Set(shortest.map((p) => JSON.stringify(p.state.value)));
    expect(values).toEqual(new Set(['"attract"', '{"inSession":"active"}', '{"inSession":"warning"}', '"resetting"']));
  });

  it('on every simple path, leaving a session wipes exactly once, restores the defaults, and nobody starts before the wipe answered', () => {
    expect(simple.length).toBeGreaterThan(10);
    for (const path of simple) {
      const evs = path.steps.map((s) => s.event);
      const why = evs.map(label).join(' ');
      const { spy, trace } = replay(sessionMachine, spies, evs, { locale: 'zh-CN', elderMode: false });
      const ends = trace.filter((t) => t.from.matches('inSession') && !t.to.matches('inSession'));
      expect(spy.startsOf('wipe').length, why).toBe(ends.length);
      for (const t of ends) expect(t.to.context, why).toMatchObject({ locale: 'zh-CN', elderMode: false, extensions: 0 });
      for (const t of trace) {
        if (t.from.matches('resetting') && t.event.type === 'START') expect(t.to.matches('resetting'), why).toBe(true);
        // The journey runs exactly while the session does.
        expect(t.running.journey ?? 0, why).toBe(t.to.matches('inSession') ? 1 : 0);
      }
    }
  }, 60_000); // a deterministic walk of thousands of paths: bounded by CPU, which a loaded CI shares

  it('a timeout from warning wipes with reason timeout', () => {
    const path = shortest.find((p) => p.state.matches({ inSession: 'warning' }))!;
    const { spy, end } = replay(sessionMachine, spies, [...path.steps.map((s) => s.event), WARNING], {});
    expect(end.matches('resetting')).toBe(true);
    expect(spy.startsOf('wipe').map((w) => w.input)).toEqual([{ reason: 'timeout' }]);
  });
});

describe('session machine timers (fake clock)', () => {
  afterEach(() => vi.useRealTimers());

  function start(idle = 60_000, warn = 20_000) {
    vi.useFakeTimers();
    const wiped: EndReason[] = [];
    const actor = createActor(
      sessionMachine.provide({
        actors: {
          journey: createMachine({}) as never,
          wipe: fromPromise<void, { reason: EndReason }>(async ({ input }) => void wiped.push(input.reason)),
        },
        delays: { idleTimeout: idle, warningTimeout: warn },
      }),
      { input: { locale: 'en', elderMode: true } },
    ).start();
    return { actor, wiped };
  }

  it('warns after the idle time and resets after the warning', async () => {
    const { actor, wiped } = start();
    actor.send({ type: 'START' });
    actor.send({ type: 'TOGGLE_ELDER' });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(actor.getSnapshot().matches({ inSession: 'active' })).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(actor.getSnapshot().matches({ inSession: 'warning' })).toBe(true);
    await vi.advanceTimersByTimeAsync(19_999);
    expect(actor.getSnapshot().matches({ inSession: 'warning' })).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(actor.getSnapshot().matches('attract')).toBe(true);
    expect(wiped).toEqual(['timeout']);
    // Back to the configured defaults for the next person.
    expect(actor.getSnapshot().context.elderMode).toBe(true);
    expect(actor.getSnapshot().context.locale).toBe('en');
  });

  it('activity restarts the idle timer', async () => {
    const { actor } = start();
    actor.send({ type: 'START' });
    await vi.advanceTimersByTimeAsync(50_000);
    actor.send({ type: 'ACTIVITY' });
    await vi.advanceTimersByTimeAsync(50_000);
    expect(actor.getSnapshot().matches({ inSession: 'active' })).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(actor.getSnapshot().matches({ inSession: 'warning' })).toBe(true);
  });

  it.each([
    ['on', 60 * 60_000],
    ['back', -60 * 60_000],
  ])('the wall clock set an hour %s mid-countdown moves neither timer: warning at the idle time, one reset after the warning', async (_dir, jump) => {
    const { actor, wiped } = start();
    actor.send({ type: 'START' });
    await vi.advanceTimersByTimeAsync(30_000);
    vi.setSystemTime(Date.now() + jump); // Date.now() jumps; no timer runs
    expect(actor.getSnapshot().matches({ inSession: 'active' })).toBe(true);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(actor.getSnapshot().matches({ inSession: 'active' })).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(actor.getSnapshot().matches({ inSession: 'warning' })).toBe(true);
    vi.setSystemTime(Date.now() + jump);
    await vi.advanceTimersByTimeAsync(19_999);
    expect(actor.getSnapshot().matches({ inSession: 'warning' })).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(actor.getSnapshot().matches('attract')).toBe(true);
    await vi.advanceTimersByTimeAsync(300_000);
    expect(wiped).toEqual(['timeout']);
  });

  it('the warning can be extended at least 10 times (WCAG 2.2.1)', async () => {
    const { actor, wiped } = start();
    actor.send({ type: 'START' });
    for (let i = 0; i < 12; i++) {
      await vi.advanceTimersByTimeAsync(60_000);
      expect(actor.getSnapshot().matches({ inSession: 'warning' })).toBe(true);
      await vi.advanceTimersByTimeAsync(19_000);
      actor.send({ type: 'EXTEND' });
      expect(actor.getSnapshot().matches({ inSession: 'active' })).toBe(true);
    }
    expect(actor.getSnapshot().context.extensions).toBe(12);
    expect(wiped).toEqual([]);
  });

  it('ending by the user wipes with reason user and stops timers', async () => {
    const { actor, wiped } = start();
    actor.send({ type: 'START' });
    actor.send({ type: 'END', reason: 'user' });
    await vi.advanceTimersByTimeAsync(500_000);
    expect(actor.getSnapshot().matches('attract')).toBe(true);
    expect(wiped).toEqual(['user']);
  });

  it('a wipe the daemon cannot confirm still ends the session', async () => {
    vi.useFakeTimers();
    const actor = createActor(
      sessionMachine.provide({
        actors: { journey: createMachine({}) as never, wipe: fromPromise<void, { reason: EndReason }>(() => Promise.reject(Object.assign(new Error('offline'), { code: 'offline' }))) },
      }),
      { input: {} },
    ).start();
    actor.send({ type: 'START' });
    actor.send({ type: 'END', reason: 'error' });
    await vi.advanceTimersByTimeAsync(0);
    expect(actor.getSnapshot().matches('attract')).toBe(true);
    expect(actor.getSnapshot().status).toBe('active');
  });
});

describe('结束办理 with answers not yet sent', () => {
  const ASKING: SessionEvent[] = [{ type: 'START' }, { type: 'END', reason: 'user', unsaved: true }, { type: 'STAY' }, { type: 'CONFIRM_END' }, { type: 'ACTIVITY' }];
  const events = (s: Snap) => [...ASKING, ...(s.matches({ inSession: 'active' }) ? [IDLE] : []), ...offered([], [done('wipe')])(s)] as SessionEvent[];
  const simple = getSimplePaths(sessionMachine, { input: {}, events, serializeState });

  it('on every path the resident is asked first: a wipe follows only their confirmation, and staying keeps the journey running', () => {
    expect(simple.length).toBeGreaterThan(5);
    for (const path of simple) {
      const evs = path.steps.map((s) => s.event);
      const why = evs.map(label).join(' ');
      const { spy, trace } = replay(sessionMachine, spies, evs, {});
      for (const t of trace) {
        if (t.from.matches('inSession') && t.to.matches('resetting')) expect(t.event.type, why).toBe('CONFIRM_END');
        if (t.event.type === 'END') expect(t.to.matches({ inSession: 'confirmEnd' }), why).toBe(true);
      }
      // One journey per session: asking and staying never restarted it.
      expect(spy.startsOf('journey').length, why).toBe(trace.filter((t) => t.event.type === 'START' && t.to.matches('inSession') && !t.from.matches('inSession')).length);
    }
  });

  it('a reset or an error never waits for an answer', () => {
    const { end } = replay(sessionMachine, spies, [{ type: 'START' }, { type: 'END', reason: 'error', unsaved: true }], {});
    expect(end.matches('resetting')).toBe(true);
  });
});

describe('the card left in the reader', () => {
  const CARD: SessionEvent[] = [
    { type: 'START' },
    { type: 'END', reason: 'user' },
    { type: 'STAY' },
    { type: 'CONFIRM_END' },
    { type: 'CONFIRM_CARD' },
    { type: 'CARD_STATE', present: true },
    { type: 'CARD_STATE', present: false },
    { type: 'CARD_READ', age: 30 },
  ];
  // The idle timeout ends a session like a reset does (walked above); leaving it out keeps this walk to a few hundred paths.
  const events = (s: Snap) => [...CARD, ...offered([], [done('wipe')])(s)] as SessionEvent[];
  const cardState = (s: Snap) => JSON.stringify([s.value, s.context.cardInReader, s.context.cardRead]);
  const simple = getSimplePaths(sessionMachine, { input: {}, events, serializeState: cardState });

  it('on every path: the reminder runs while a read card lies there, through the end and at attract; nobody starts or ends past the card unasked', () => {
    expect(simple.length).toBeGreaterThan(50);
    let reminded = 0;
    for (const path of simple) {
      const evs = path.steps.map((s) => s.event);
      const why = evs.map(label).join(' ');
      const { trace } = replay(sessionMachine, spies, evs, {});
      for (const t of trace) {
        const c = t.to.context;
        const due = cardReminderDue(t.to);
        if (t.to.matches('inSession')) expect(due, why).toBe(c.cardInReader && c.cardRead);
        if (t.to.matches('attract') || t.to.matches('resetting')) expect(due, why).toBe(c.cardInReader);
        if (due) reminded++;
        // A new resident starts with a card there only by saying it is theirs.
        if (!t.from.matches('inSession') && t.to.matches('inSession') && t.from.context.cardInReader)
          expect(t.event, why).toSatisfy((e: SessionEvent) => e.type === 'CONFIRM_CARD' || (e.type === 'CARD_STATE' && !e.present));
        // The resident's own end never passes a read card still in the reader without asking.
        if (t.from.matches('inSession') && t.to.matches('resetting') && t.from.context.cardInReader && t.from.context.cardRead) {
          expect(t.from.matches({ inSession: 'takeCardFirst' }) || t.event.type.startsWith('xstate.after'), why).toBe(true);
        }
      }
    }
    expect(reminded).toBeGreaterThan(0);
  });

  it('taking the card ends the asked end; the reminder goes on at attract when it is not taken', () => {
    const ended = replay(
      sessionMachine,
      spies,
      [{ type: 'CARD_STATE', present: false }, { type: 'START' }, { type: 'CARD_STATE', present: true }, { type: 'CARD_READ', age: 30 }, { type: 'END', reason: 'user' }],
      {},
    );
    expect(ended.end.matches({ inSession: 'takeCardFirst' })).toBe(true);
    const taken = replay(sessionMachine, spies, [...ended.trace.map((t) => t.event), { type: 'CARD_STATE', present: false }, done('wipe')], {});
    expect(taken.end.matches('attract')).toBe(true);
    expect(cardReminderDue(taken.end)).toBe(false);
    const left = replay(sessionMachine, spies, [...ended.trace.map((t) => t.event), { type: 'CONFIRM_END' }, done('wipe')], {});
    expect(left.end.matches('attract')).toBe(true);
    expect(cardReminderDue(left.end)).toBe(true);
    // The next resident: asked, and let in once the card is gone.
    const next = replay(sessionMachine, spies, [...left.trace.map((t) => t.event), { type: 'START' }], {});
    expect(next.end.matches('cardLeft')).toBe(true);
    expect(replay(sessionMachine, spies, [...next.trace.map((t) => t.event), { type: 'CARD_STATE', present: false }], {}).end.matches({ inSession: 'active' })).toBe(true);
  });
});

describe('elder mode offered at 60', () => {
  const OFFER: SessionEvent[] = [
    { type: 'START' },
    { type: 'CARD_READ', age: 72 },
    { type: 'CARD_READ', age: 45 },
    { type: 'CARD_READ' },
    { type: 'ELDER_ACCEPT' },
    { type: 'ELDER_DECLINE' },
    { type: 'TOGGLE_ELDER' },
    { type: 'END', reason: 'reset' },
  ];
  const events = (s: Snap) => [...OFFER, ...offered([], [done('wipe')])(s)] as SessionEvent[];
  const offerState = (s: Snap) => JSON.stringify([s.value, s.context.elderMode, s.context.elderOffer]);
  const simple = getSimplePaths(sessionMachine, { input: {}, events, serializeState: offerState });

  it('on every path: offered once per session, only after a card of 60 or more read outside elder mode, and never switched on unasked', () => {
    expect(simple.length).toBeGreaterThan(20);
    let opened = 0;
    for (const path of simple) {
      const evs = path.steps.map((s) => s.event);
      const why = evs.map(label).join(' ');
      const { trace } = replay(sessionMachine, spies, evs, {});
      let offersThisSession = 0;
      for (const t of trace) {
        if (!t.from.matches('inSession') && t.to.matches('inSession')) offersThisSession = 0;
        if (t.from.context.elderOffer !== 'open' && t.to.context.elderOffer === 'open') {
          offersThisSession++;
          opened++;
          expect(t.event, why).toMatchObject({ type: 'CARD_READ' });
          expect((t.event as { age?: number }).age ?? 0, why).toBeGreaterThanOrEqual(60);
          expect(t.from.context.elderMode, why).toBe(false);
        }
        expect(offersThisSession, why).toBeLessThanOrEqual(1);
        if (!t.from.context.elderMode && t.to.context.elderMode && t.to.matches('inSession')) expect(['ELDER_ACCEPT', 'TOGGLE_ELDER'], why).toContain(t.event.type);
        if (t.event.type === 'ELDER_ACCEPT' && t.from.context.elderOffer === 'open') expect(t.to.context.elderMode, why).toBe(true);
      }
    }
    expect(opened).toBeGreaterThan(0);
  });
});
