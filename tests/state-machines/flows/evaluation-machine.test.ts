import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { evaluationMachine, isPoor, type EvaluationEvent, type EvaluationSubmit } from '../../../state-machines/flows/evaluation-machine';
import { done, failed, label, offered, replay, type Answer, type HostSpy } from '../machine-walk';

// 好差评 walked as a graph: the daemon's answers are events sent while the
// submission runs; every path is replayed on a real actor and checked.
const KEY = '00000000-0000-4000-8000-0000000000e1';
type Event = EvaluationEvent | Answer;
type Snap = SnapshotFrom<typeof evaluationMachine>;

const RESIDENT: EvaluationEvent[] = [
  { type: 'RATE', level: 5 },
  { type: 'RATE', level: 3 },
  { type: 'RATE', level: 2 },
  { type: 'RATE', level: 1 },
  { type: 'RATE', level: 0 },
  { type: 'RATE', level: 9 },
  { type: 'TOGGLE_REASON', code: 'effic' },
  { type: 'TOGGLE_REASON', code: 'trips' },
  { type: 'TYPE_CASE', caseNo: 'wd0001' },
  { type: 'TYPE_CASE', caseNo: '' },
  { type: 'NEXT' },
  { type: 'PREV' },
  { type: 'SUBMIT' },
  { type: 'RETRY' },
  { type: 'FINISH' },
];
const ANSWERS = [done('submit'), failed('submit', 'timeout'), failed('submit', 'invalidArgs')];
const serializeState = (s: Snap) => JSON.stringify([s.value, s.context.level ?? null, s.context.reasons, s.context.caseNo.length > 0, s.context.error ?? null]);
const spies = (spy: HostSpy) => ({ submit: spy.request('submit') });

function checkPath(events: readonly Event[], machine: typeof evaluationMachine = evaluationMachine) {
  const why = events.map((e) => (e.type === 'RATE' ? `RATE:${e.level}` : label(e))).join(' ');
  const { spy, trace, end } = replay(machine, spies, events, { idempotencyKey: KEY });
  const sends = spy.startsOf<EvaluationSubmit>('submit');
  expect(spy.peak('submit'), why).toBeLessThanOrEqual(1);
  for (const [n, { at: i, input: p }] of sends.entries()) {
    const { event: e, from } = trace[i]!;
    // Only an explicit SUBMIT on the last screen, or a RETRY after a failure, sends.
    if (e.type === 'SUBMIT') expect(from.value, why).toBe('details');
    else {
      expect(e.type, why).toBe('RETRY');
      expect(from.value, why).toBe('failed');
    }
    expect(p.idempotencyKey, why).toBe(KEY);
    // The level is the last valid one chosen on the rating screen.
    const rated = trace.slice(0, i).flatMap((t) => (t.event.type === 'RATE' && t.from.value === 'rating' && t.event.level >= 1 && t.event.level <= 5 ? [t.event.level] : []));
    expect(p.level, why).toBe(rated.at(-1));
    if (isPoor(p.level)) expect(p.reasons.length, why).toBeGreaterThan(0);
    else expect(p.reasons, why).toEqual([]);
    if (p.caseNo !== undefined) expect(p.caseNo, why).toBe(p.caseNo.toUpperCase());
    if (n > 0) {
      const prev = sends[n - 1]!;
      const between = events.slice(prev.at + 1, i);
      // One send in flight: a failure answered the previous one, never an acceptance.
      const failures = between.filter((x) => x.type === 'xstate.error.actor.submit') as Array<Extract<Answer, { error: unknown }>>;
      expect(failures.length, why).toBeGreaterThan(0);
      expect(
        between.some((x) => x.type === 'xstate.done.actor.submit'),
        why,
      ).toBe(false);
      if (failures.at(-1)!.error.code !== 'invalidArgs') expect(p, why).toEqual(prev.input);
    }
  }
  return { sends, end };
}

describe('好差评 flow graph', () => {
  const opts = { events: offered(RESIDENT, ANSWERS), serializeState, input: { idempotencyKey: KEY } };

  it('reaches every screen; reasons only after a 差评', { timeout: 60_000 }, () => {
    const paths = getShortestPaths(evaluationMachine, opts);
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    for (const s of ['"rating"', '"reasons"', '"details"', '"submitting"', '"failed"', '"thanks"', '"done"']) expect(reached, s).toContain(s);
    for (const p of paths) if (p.state.value === 'reasons') expect(p.state.context.level).toBeLessThanOrEqual(2);
    for (const p of paths) checkPath(p.steps.map((s) => s.event));
  });

  it('on every simple path: one valid level, reasons exactly with a 差评, sent only on SUBMIT or RETRY with the same key and content', { timeout: 90_000 }, () => {
    // Simple paths multiply with every distinct node: one good, one poor and one invalid level, and a coarse identity
    // (good or poor, any reason, any case number) keep the walk to a few thousand paths; each is still replayed in full.
    const resident = RESIDENT.filter((e) => !(e.type === 'RATE' && [3, 1, 0].includes(e.level)) && !(e.type === 'TYPE_CASE' && e.caseNo === ''));
    const coarse = (s: Snap) =>
      JSON.stringify([s.value, s.context.level === undefined ? null : isPoor(s.context.level), s.context.reasons.length > 0, s.context.caseNo.length > 0, s.context.error ?? null]);
    const paths = getSimplePaths(evaluationMachine, { ...opts, events: offered(resident, ANSWERS), serializeState: coarse });
    expect(paths.length).toBeGreaterThan(1000);
    let sentPoor = 0;
    for (const p of paths) {
      const { sends } = checkPath(p.steps.map((s) => s.event));
      if (sends.some((s) => isPoor(s.input.level))) sentPoor++;
    }
    expect(sentPoor).toBeGreaterThan(0);
  });

  it('a rating with no reasons chosen cannot leave the 差评 question; un-choosing the last reason blocks again', () => {
    const a = createActor(evaluationMachine, { input: { idempotencyKey: KEY } }).start();
    a.send({ type: 'RATE', level: 1 });
    a.send({ type: 'NEXT' });
    expect(a.getSnapshot().value).toBe('reasons');
    a.send({ type: 'TOGGLE_REASON', code: 'effic' });
    a.send({ type: 'TOGGLE_REASON', code: 'effic' });
    a.send({ type: 'NEXT' });
    expect(a.getSnapshot().value).toBe('reasons');
    // A good rating after a poor one drops the reasons.
    a.send({ type: 'TOGGLE_REASON', code: 'effic' });
    a.send({ type: 'PREV' });
    a.send({ type: 'RATE', level: 4 });
    expect(a.getSnapshot().value).toBe('details');
    expect(a.getSnapshot().context.reasons).toEqual([]);
  });

  it('after a failure of unknown outcome only a retry of the same rating is offered; after a refusal the case number can change', () => {
    const walk = (code: string) =>
      checkPath([{ type: 'RATE', level: 2 }, { type: 'TOGGLE_REASON', code: 'effic' }, { type: 'NEXT' }, { type: 'SUBMIT' }, failed('submit', code), { type: 'PREV' }]).end.value;
    expect(walk('timeout')).toBe('failed');
    expect(walk('invalidArgs')).toBe('details');
  });

  it('the checks can fail: a machine that lets the answers change after a timeout, or sends a 差评 without reasons, is caught', () => {
    const events: Event[] = [{ type: 'RATE', level: 5 }, { type: 'SUBMIT' }, failed('submit', 'timeout'), { type: 'PREV' }, { type: 'TYPE_CASE', caseNo: 'wd0001' }, { type: 'SUBMIT' }];
    expect(() => checkPath(events)).not.toThrow();
    expect(() => checkPath(events, evaluationMachine.provide({ guards: { editable: () => true } }))).toThrow();
    expect(() => checkPath([{ type: 'RATE', level: 1 }, { type: 'NEXT' }, { type: 'SUBMIT' }], evaluationMachine.provide({ guards: { hasReason: () => true } }))).toThrow();
  });
});
