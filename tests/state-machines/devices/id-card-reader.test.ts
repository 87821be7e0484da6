import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromCallback, fromPromise, type EventObject, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { idCardReaderMachine, type IdCardReaderEmitted, type IdCardReaderEvent } from '../../../state-machines/devices/id-card-reader';
import { done, elapsed, failed, label, offered, replay, type Answer, type Elapsed, type HostSpy } from '../machine-walk';

/**
 * The reader machine walked as a graph. Each SAM command is an actor the
 * machine invokes; the walk answers it (xstate.done/error.actor.<id>) only
 * while it runs, lets the named delays elapse only in the state that runs
 * them, and sends the removal watch's events only while the watch runs.
 */
type Snap = SnapshotFrom<typeof idCardReaderMachine>;
type WalkEvent = IdCardReaderEvent | Answer | Elapsed;

const READ: IdCardReaderEvent = { type: 'READ', timeoutMs: 5000 };
const HOST: IdCardReaderEvent[] = [READ, { type: 'CANCEL' }, { type: 'WIPE' }, { type: 'TRANSPORT_LOST' }];
const FOUND = done('findCard', { found: true });
const NOT_FOUND = done('findCard', { found: false });
const SELECTED = done('selectCard', { selected: true });
const NOT_SELECTED = done('selectCard', { selected: false });
const READ_OK = done('readCard');
const ANSWERS: Answer[] = [
  FOUND,
  NOT_FOUND,
  failed('findCard', 'samError'),
  failed('findCard', 'transportLost'),
  failed('findCard', 'timeout'),
  SELECTED,
  NOT_SELECTED,
  failed('selectCard', 'cardUnreadable'),
  READ_OK,
  failed('readCard', 'cardRemoved'),
  failed('readCard', 'cardUnreadable'),
  failed('readCard', 'hardwareError'),
];
const READ_TIMEOUT = elapsed('readTimeout', 'idCardReader.read');
const POLL = elapsed('pollInterval', 'idCardReader.read.pollWait');
const WATCH: IdCardReaderEvent[] = [{ type: 'GONE' }, { type: 'SAM_ERROR' }];

const events = (answers: Answer[]) => (s: Snap) =>
  [...offered(HOST, answers)(s), ...(s.children.watchRemoval ? WATCH : []), ...(s.matches('read') ? [READ_TIMEOUT] : []), ...(s.matches({ read: 'pollWait' }) ? [POLL] : [])] as IdCardReaderEvent[];
const serializeState = (s: Snap) => JSON.stringify([s.value, s.context.cardSeen, s.context.held, s.context.error ?? null]);
const spies = (spy: HostSpy) => ({
  findCard: spy.request('findCard'),
  selectCard: spy.request('selectCard'),
  readCard: spy.request('readCard'),
  watchRemoval: spy.stream('watchRemoval'),
  watchPresence: spy.stream('watchPresence'),
});
const run = (evs: readonly WalkEvent[]) => {
  const r = replay(idCardReaderMachine, spies, evs as never);
  r.actor.stop(); // the walk is over: its real timers (poll gap, deadline) must not fire later
  return r;
};
/** The emitted notifications of a replay, by type, with the index of the event that caused each. */
const emittedAt = (spy: HostSpy, type: IdCardReaderEmitted['type']) => spy.emitted.filter((e) => e.event.type === type).map((e) => e.at);
const stepsWhere = <T>(trace: T[], pick: (t: T) => boolean) => trace.flatMap((t, i) => (pick(t) ? [i] : []));
const stateKey = (s: Snap) => JSON.stringify(s.value);

describe('reader machine graph', () => {
  const shortest = getShortestPaths(idCardReaderMachine, { events: events(ANSWERS), serializeState });
  const simple = getSimplePaths(idCardReaderMachine, { events: events(ANSWERS), serializeState });

  it('reaches every state of the reader, and never rests in a transient one (failed and removed pass straight to idle)', () => {
    const reached = new Set(shortest.map((p) => stateKey(p.state)));
    expect(reached).toEqual(new Set(['"idle"', '{"read":"polling"}', '{"read":"pollWait"}', '{"read":"selecting"}', '{"read":"reading"}', '"cardPresent"']));
  });

  it('on every simple path: each command runs exactly while its state lasts, one find per poll, and only while a read is requested', () => {
    expect(simple.length).toBeGreaterThan(100);
    for (const path of simple) {
      const evs = path.steps.map((s) => s.event);
      const why = evs.map(label).join(' ');
      const { spy, trace } = run(evs);
      for (const t of trace) {
        expect(t.running.findCard ?? 0, why).toBe(t.to.matches({ read: 'polling' }) ? 1 : 0);
        expect(t.running.selectCard ?? 0, why).toBe(t.to.matches({ read: 'selecting' }) ? 1 : 0);
        expect(t.running.readCard ?? 0, why).toBe(t.to.matches({ read: 'reading' }) ? 1 : 0);
        expect(t.running.watchRemoval ?? 0, why).toBe(t.to.matches('cardPresent') ? 1 : 0);
        // The idle presence watch never runs beside a read or the removal watch.
        expect(t.running.watchPresence ?? 0, why).toBe(t.to.matches('idle') ? 1 : 0);
      }
      // A find starts on a read request, when the poll gap has elapsed, or at once after a refused select, and at no other time.
      const finds = spy.startsOf('findCard').map((f) => f.at);
      expect(finds, why).toEqual(stepsWhere(trace, (t) => t.to.matches({ read: 'polling' }) && !t.from.matches({ read: 'polling' })));
      for (const at of finds)
        expect(
          [READ, POLL, NOT_SELECTED].map((e) => e.type),
          why,
        ).toContain(trace[at]!.event.type);
      for (const at of finds.filter((at) => trace[at]!.event.type === NOT_SELECTED.type)) expect(trace[at]!.event, why).toEqual(NOT_SELECTED);
      // A select only after a find saw a card, a read only after the card was selected.
      for (const s of spy.startsOf('selectCard')) expect(trace[s.at]!.event, why).toEqual(FOUND);
      for (const r of spy.startsOf('readCard')) expect(trace[r.at]!.event, why).toEqual(SELECTED);
    }
  });

  it('on every simple path: a record is announced only after a valid read, every read ends once, a card is announced when found and its removal once', () => {
    for (const path of simple) {
      const evs = path.steps.map((s) => s.event);
      const why = evs.map(label).join(' ');
      const { spy, trace } = run(evs);
      const enters = stepsWhere(trace, (t) => t.to.matches('read') && !t.from.matches('read'));
      const leaves = stepsWhere(trace, (t) => t.from.matches('read') && !t.to.matches('read'));
      expect(emittedAt(spy, 'busy'), why).toEqual(enters);
      expect(emittedAt(spy, 'idle'), why).toEqual(leaves);
      // The record is announced exactly when the read command succeeded; every other end of a read is a failure with its code.
      const readDone = emittedAt(spy, 'readDone');
      expect(readDone, why).toEqual(stepsWhere(trace, (t) => t.event.type === READ_OK.type));
      for (const at of readDone) expect(trace[at]!.to.context.held, why).toBe(true);
      const failures = spy.emitted.filter((e) => e.event.type === 'readFailed');
      expect(
        failures.map((f) => f.at).sort((a, b) => a - b),
        why,
      ).toEqual(leaves.filter((at) => !readDone.includes(at)));
      for (const f of failures) expect((f.event as IdCardReaderEmitted & { code?: string }).code, why).toBe(trace[f.at]!.to.context.error);
      expect(emittedAt(spy, 'cardPresent'), why).toEqual(stepsWhere(trace, (t) => t.event === FOUND));
      // The removal is announced once, when the watch saw the card go, and the watch ends with it.
      const removed = emittedAt(spy, 'cardRemoved');
      expect(removed, why).toEqual(stepsWhere(trace, (t) => t.event.type === 'GONE'));
      for (const at of removed) expect(trace[at]!.running.watchRemoval ?? 0, why).toBe(0);
      // A second card.read in the same session answers from the record held, without touching the card.
      expect(emittedAt(spy, 'readFromHeld'), why).toEqual(stepsWhere(trace, (t) => t.event.type === 'READ' && t.from.matches('cardPresent') && t.from.context.held));
    }
  });

  it('each failure code is reachable on some simple path from idle', () => {
    const codes = new Set(simple.map((p) => p.state.context.error).filter(Boolean));
    expect([...codes].sort()).toEqual(['cancelled', 'cardRemoved', 'cardUnreadable', 'hardwareError', 'noCard', 'samError', 'timeout', 'transportLost']);
  });
});

describe('reader machine: how a read ends', () => {
  it('the happy path: find, select, read, announce, watch, removal announced; the record stays held', () => {
    const { spy, end } = run([READ, FOUND, SELECTED, READ_OK, { type: 'GONE' }]);
    // The idle presence watch runs before the read and again once the card is gone.
    expect(spy.started.map((s) => s.name)).toEqual(['watchPresence', 'findCard', 'selectCard', 'readCard', 'watchRemoval', 'watchPresence']);
    expect(spy.emitted.map((e) => e.event.type)).toEqual(['busy', 'cardPresent', 'idle', 'readDone', 'cardRemoved']);
    expect(stateKey(end)).toBe('"idle"');
    expect(end.context.held).toBe(true); // removal does not wipe: the session does
  });

  it('polls again after an empty find, not after a card was seen', () => {
    const { spy, end } = run([READ, NOT_FOUND, POLL, NOT_FOUND, POLL]);
    expect(spy.startsOf('findCard').length).toBe(3);
    expect(stateKey(end)).toBe('{"read":"polling"}');
    expect(end.context.cardSeen).toBe(false);
  });

  it('a refused select is checked at once by a find: a card pulled right after it was found ends the read cardRemoved, one still there is selected again', () => {
    const gone = run([READ, FOUND, NOT_SELECTED, NOT_FOUND]);
    expect(gone.spy.started.map((s) => s.name)).toEqual(['watchPresence', 'findCard', 'selectCard', 'findCard', 'watchPresence']);
    expect(gone.spy.emitted.map((e) => e.event)).toEqual([{ type: 'busy' }, { type: 'cardPresent' }, { type: 'idle' }, { type: 'readFailed', code: 'cardRemoved' }]);
    expect(stateKey(gone.end)).toBe('"idle"');
    const still = run([READ, FOUND, NOT_SELECTED, FOUND, SELECTED, READ_OK]);
    expect(still.spy.started.map((s) => s.name)).toEqual(['watchPresence', 'findCard', 'selectCard', 'findCard', 'selectCard', 'readCard', 'watchRemoval']);
    expect(emittedAt(still.spy, 'readDone')).toHaveLength(1);
  });

  // Every way a read can end without a card, and the code it ends with.
  const endings: Array<[string, WalkEvent[], string]> = [
    ['no card by the deadline', [NOT_FOUND, READ_TIMEOUT], 'noCard'],
    ['deadline after the card was seen', [FOUND, SELECTED, READ_TIMEOUT], 'timeout'],
    ['card removed mid-read', [FOUND, SELECTED, failed('readCard', 'cardRemoved')], 'cardRemoved'],
    ['unreadable card', [FOUND, SELECTED, failed('readCard', 'cardUnreadable')], 'cardUnreadable'],
    ['SAM fault at the find', [failed('findCard', 'samError')], 'samError'],
    ['transport lost', [FOUND, { type: 'TRANSPORT_LOST' }], 'transportLost'],
    ['cancelled', [{ type: 'CANCEL' }], 'cancelled'],
    ['session ended', [{ type: 'WIPE' }], 'cancelled'],
    ['corrupt link', [failed('findCard', 'hardwareError')], 'hardwareError'],
    ['a command that failed without a code (a driver bug)', [{ type: 'xstate.error.actor.findCard', error: new Error('boom') } as unknown as Answer], 'hardwareError'],
  ];
  for (const [what, evs, code] of endings) {
    it(`ends with ${code}: ${what}`, () => {
      const { spy, end } = run([READ, ...evs]);
      expect(stateKey(end)).toBe('"idle"');
      expect(end.context.error).toBe(code);
      expect(spy.emitted.map((e) => e.event)).toContainEqual({ type: 'readFailed', code });
      expect(spy.emitted.at(-2)?.event.type).toBe('idle');
      expect(emittedAt(spy, 'readDone')).toEqual([]);
    });
  }

  it('a second read in the same session answers from the held record; after WIPE it reads the card again', () => {
    const base: WalkEvent[] = [READ, FOUND, SELECTED, READ_OK];
    const again = run([...base, READ]);
    expect(again.spy.emitted.at(-1)?.event.type).toBe('readFromHeld');
    expect(stateKey(again.end)).toBe('"cardPresent"');
    expect(again.spy.startsOf('findCard').length).toBe(1);
    const wiped = run([...base, { type: 'WIPE' }, READ]);
    expect(stateKey(wiped.end)).toBe('{"read":"polling"}');
    expect(wiped.end.context.held).toBe(false);
    expect(wiped.spy.startsOf('findCard').length).toBe(2);
  });
});

describe('reader machine with real timers (fake clock)', () => {
  afterEach(() => vi.useRealTimers());

  function reader(find: () => Promise<{ found: boolean }>, pollInterval = 200) {
    vi.useFakeTimers();
    const finds: number[] = [];
    const emitted: EventObject[] = [];
    const actor = createActor(
      idCardReaderMachine.provide({
        actors: {
          findCard: fromPromise(() => {
            finds.push(Date.now());
            return find();
          }),
          selectCard: fromPromise(() => new Promise<{ selected: boolean }>(() => undefined)),
          readCard: fromPromise(() => new Promise<void>(() => undefined)),
          watchRemoval: fromCallback(() => undefined),
        },
        delays: { pollInterval },
      }),
    );
    actor.on('*', (e: EventObject) => void emitted.push(e));
    actor.start();
    return { actor, finds, emitted, t0: Date.now() };
  }

  it('finds at the configured gap while a read is requested, and not once it ended', async () => {
    const { actor, finds, t0 } = reader(async () => ({ found: false }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(finds).toEqual([]);
    actor.send({ type: 'READ', timeoutMs: 30_000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(finds.map((t) => t - t0)).toEqual([1000, 1200, 1400, 1600, 1800, 2000]);
    actor.send({ type: 'CANCEL' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(finds).toHaveLength(6);
    expect(actor.getSnapshot().value).toBe('idle');
  });

  it('with no gap (the shipped setting) the next find starts as the last one is answered, without a timer turn between', async () => {
    vi.useFakeTimers();
    let finds = 0;
    const actor = createActor(
      idCardReaderMachine.provide({
        actors: {
          findCard: fromPromise(async () => ({ found: ++finds >= 4 })),
          selectCard: fromPromise(() => new Promise<{ selected: boolean }>(() => undefined)),
          readCard: fromPromise(() => new Promise<void>(() => undefined)),
          watchRemoval: fromCallback(() => undefined),
        },
        guards: { backToBack: () => true },
      }),
    ).start();
    actor.send({ type: 'READ', timeoutMs: 30_000 });
    for (let i = 0; i < 40; i++) await Promise.resolve(); // the clock stands still: only promise answers move the reader
    expect(finds).toBe(4);
    expect(actor.getSnapshot().value).toEqual({ read: 'selecting' });
    actor.stop();
  });

  it('the deadline ends a read with noCard, not a moment before', async () => {
    const { actor, emitted } = reader(async () => ({ found: false }));
    actor.send({ type: 'READ', timeoutMs: 3000 });
    await vi.advanceTimersByTimeAsync(2999);
    expect(actor.getSnapshot().matches('read')).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(emitted.at(-1)).toEqual({ type: 'readFailed', code: 'noCard' });
  });

  it('a find answered after the read was cancelled goes nowhere (its actor was stopped)', async () => {
    let answer: (r: { found: boolean }) => void = () => undefined;
    const { actor, finds, emitted } = reader(() => new Promise((resolve) => (answer = resolve)));
    actor.send({ type: 'READ', timeoutMs: 30_000 });
    actor.send({ type: 'CANCEL' });
    answer({ found: true });
    await vi.advanceTimersByTimeAsync(1000);
    expect(actor.getSnapshot().value).toBe('idle');
    expect(emitted.map((e) => e.type)).toEqual(['busy', 'idle', 'readFailed']);
    expect(finds).toHaveLength(1);
  });
});
