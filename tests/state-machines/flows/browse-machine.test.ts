import { describe, expect, it } from 'vitest';
import { createActor, createMachine, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { browseMachine, type BrowseEvent } from '../../../state-machines/flows/browse-machine';
import { sessionMachine } from '../../../state-machines/session/session-machine';
import { serviceInputFor } from './service-fixtures';

const SERVICE_INPUT = serviceInputFor('item-1');
const EVENTS: BrowseEvent[] = [
  { type: 'OPEN_CATEGORY', categoryId: 'socialInsurance' },
  { type: 'OPEN_SEARCH' },
  { type: 'TYPE', query: 'sbcx' },
  { type: 'OPEN_ITEM', itemId: 'item-1' },
  { type: 'OPEN_FEATURE', feature: 'progress' },
  { type: 'OPEN_FEATURE', feature: 'complain' },
  { type: 'OPEN_FEATURE', feature: 'evaluate' },
  { type: 'START_SERVICE', input: SERVICE_INPUT },
  { type: 'OPEN_FEATURE', feature: 'callStaff', key: '00000000-0000-4000-8000-000000000001' },
  { type: 'BACK' },
  { type: 'HOME' },
  { type: 'PRINT_NOTICE' },
  { type: 'NOTICE_PRINTED' },
  { type: 'NOTICE_FAILED', code: 'paperOut' },
];
const serializeState = (s: SnapshotFrom<typeof browseMachine>) => JSON.stringify([s.value, s.context.itemFrom]);

function replay(events: readonly BrowseEvent[]) {
  const prints: string[] = [];
  const actor = createActor(browseMachine.provide({ actions: { printNotice: (_, p) => void prints.push(p.itemId) } })).start();
  const trace = events.map((e) => {
    actor.send(e);
    return { event: e, prints: prints.length, snap: actor.getSnapshot() };
  });
  return { actor, prints, trace };
}

describe('browse flow graph', () => {
  const shortest = getShortestPaths(browseMachine, { events: EVENTS, serializeState });
  // The journey leaves (evaluate, item service) only add BACK/HOME round trips: left out of the exhaustive walk
  // (the shortest-path walk reaches them) to keep it within seconds on a loaded machine.
  const simple = getSimplePaths(browseMachine, {
    events: EVENTS.filter((e) => e.type !== 'START_SERVICE' && !(e.type === 'OPEN_FEATURE' && e.feature === 'evaluate')),
    serializeState,
  });

  it('reaches every screen and every notice state', () => {
    const values = new Set(shortest.map((p) => JSON.stringify(p.state.value)));
    for (const v of ['"home"', '"category"', '"search"', '"complain"', '"evaluate"', '"service"', '"progress"', '"callStaff"', '{"item":"reading"}', '{"item":"printing"}', '{"item":"printed"}', '{"item":"failed"}']) {
      expect(values).toContain(v);
    }
  });

  it('on every simple path, a print starts only on PRINT_NOTICE and never on navigation', () => {
    expect(simple.length).toBeGreaterThan(20);
    for (const path of simple) {
      const { trace } = replay(path.steps.map((s) => s.event));
      let before = 0;
      for (const step of trace) {
        if (step.event.type !== 'PRINT_NOTICE') expect(step.prints, JSON.stringify(path.steps.map((s) => s.event.type))).toBe(before);
        before = step.prints;
      }
    }
  }, 60_000);

  it('BACK from an item returns to where the resident came from, keeping the search text', () => {
    const { actor } = replay([{ type: 'OPEN_SEARCH' }, { type: 'TYPE', query: 'sbcx' }, { type: 'OPEN_ITEM', itemId: 'a' }, { type: 'BACK' }]);
    expect(actor.getSnapshot().value).toBe('search');
    expect(actor.getSnapshot().context.query).toBe('sbcx');
    const viaCategory = replay([{ type: 'OPEN_CATEGORY', categoryId: 'x' }, { type: 'OPEN_ITEM', itemId: 'a' }, { type: 'BACK' }]);
    expect(viaCategory.actor.getSnapshot().value).toBe('category');
  });

  it('a failed print can be retried, and printed notices are counted', () => {
    const { actor, prints } = replay([
      { type: 'OPEN_ITEM', itemId: 'a' },
      { type: 'PRINT_NOTICE' },
      { type: 'NOTICE_FAILED', code: 'paperOut' },
    ]);
    expect(actor.getSnapshot().context.noticeError).toBe('paperOut');
    actor.send({ type: 'PRINT_NOTICE' });
    actor.send({ type: 'NOTICE_PRINTED' });
    expect(prints).toEqual(['a', 'a']);
    expect(actor.getSnapshot().context.noticesPrinted).toBe(1);
    actor.send({ type: 'BACK' });
    actor.send({ type: 'OPEN_ITEM', itemId: 'a' });
    expect(actor.getSnapshot().matches({ item: 'reading' })).toBe(true);
    expect(prints.length).toBe(2);
  });
});

describe('journeys run inside the session', () => {
  it('a reset stops the journey and the next session starts a fresh one', () => {
    const stopped: string[] = [];
    let started = 0;
    const journey = createMachine({ id: 'j', entry: () => void started++, exit: () => void stopped.push('j') });
    const session = createActor(sessionMachine.provide({ actors: { journey } }), { input: {} }).start();
    session.send({ type: 'START' });
    const first = session.getSnapshot().children.journey;
    expect(first).toBeDefined();
    session.send({ type: 'END', reason: 'user' });
    expect(session.getSnapshot().children.journey).toBeUndefined();
    expect(first!.getSnapshot().status).toBe('stopped');
    session.send({ type: 'START' });
    expect(session.getSnapshot().children.journey).not.toBe(first);
    expect(started).toBe(2);
  });
});
