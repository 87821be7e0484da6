import { describe, expect, it } from 'vitest';
import { createActor, createMachine, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { browseMachine, type BrowseEvent } from '../../../state-machines/flows/browse-machine';
import { sessionMachine } from '../../../state-machines/session/session-machine';
import { done, failed, label, offered, replay, type HostSpy } from '../machine-walk';
import { serviceInputFor } from './service-fixtures';

const SERVICE_INPUT = serviceInputFor('item-1');
const RESIDENT: BrowseEvent[] = [
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
];
const ANSWERS = [done('printNotice'), failed('printNotice', 'paperOut')];
const serializeState = (s: SnapshotFrom<typeof browseMachine>) => JSON.stringify([s.value, s.context.itemFrom]);
// The journeys' own effects are walked in their own tests; here they are spies that never answer.
const spies = (spy: HostSpy) => ({
  printNotice: spy.request('printNotice'),
  callStaff: spy.request('callStaff'),
  progress: spy.request('progress'),
  complain: spy.request('complain'),
  evaluate: spy.request('evaluate'),
  service: spy.request('service'),
});

describe('browse flow graph', () => {
  const shortest = getShortestPaths(browseMachine, { events: offered(RESIDENT, ANSWERS), serializeState });
  // The journey leaves (evaluate, item service) only add BACK/HOME round trips: left out of the exhaustive walk
  // (the shortest-path walk reaches them) to keep it within seconds on a loaded machine.
  const simple = getSimplePaths(browseMachine, {
    events: offered(
      RESIDENT.filter((e) => e.type !== 'START_SERVICE' && !(e.type === 'OPEN_FEATURE' && e.feature === 'evaluate')),
      ANSWERS,
    ),
    serializeState,
  });

  it('reaches every screen and every notice state', () => {
    const values = new Set(shortest.map((p) => JSON.stringify(p.state.value)));
    for (const v of [
      '"home"',
      '"category"',
      '"search"',
      '"complain"',
      '"evaluate"',
      '"service"',
      '"progress"',
      '"callStaff"',
      '{"item":"reading"}',
      '{"item":"printing"}',
      '{"item":"printed"}',
      '{"item":"failed"}',
    ]) {
      expect(values).toContain(v);
    }
  });

  it('on every simple path, a print starts only on PRINT_NOTICE and never on navigation; each feature runs only while it is on screen', { timeout: 60_000 }, () => {
    expect(simple.length).toBeGreaterThan(20);
    for (const path of simple) {
      const events = path.steps.map((s) => s.event);
      const why = events.map(label).join(' ');
      const { spy, trace } = replay(browseMachine, spies, events);
      for (const p of spy.startsOf<{ itemId: string }>('printNotice')) {
        expect(trace[p.at]!.event.type, why).toBe('PRINT_NOTICE');
        expect(p.input.itemId, why).toBe('item-1');
      }
      for (const t of trace) {
        for (const feature of ['callStaff', 'progress', 'complain', 'evaluate', 'service'] as const) expect(t.running[feature] ?? 0, why).toBe(t.to.matches(feature) ? 1 : 0);
      }
    }
  });

  it('BACK from an item returns to where the resident came from, keeping the search text', () => {
    const viaSearch = replay(browseMachine, spies, [{ type: 'OPEN_SEARCH' }, { type: 'TYPE', query: 'sbcx' }, { type: 'OPEN_ITEM', itemId: 'a' }, { type: 'BACK' }]);
    expect(viaSearch.end.value).toBe('search');
    expect(viaSearch.end.context.query).toBe('sbcx');
    const viaCategory = replay(browseMachine, spies, [{ type: 'OPEN_CATEGORY', categoryId: 'x' }, { type: 'OPEN_ITEM', itemId: 'a' }, { type: 'BACK' }]);
    expect(viaCategory.end.value).toBe('category');
  });

  it('a failed print can be retried, printed notices are counted, and re-opening the item prints nothing', () => {
    const { actor, spy } = replay(browseMachine, spies, [{ type: 'OPEN_ITEM', itemId: 'a' }, { type: 'PRINT_NOTICE' }, failed('printNotice', 'paperOut')]);
    expect(actor.getSnapshot().context.noticeError).toBe('paperOut');
    actor.send({ type: 'PRINT_NOTICE' });
    actor.send(done('printNotice') as never);
    expect(spy.startsOf('printNotice').map((p) => p.input)).toEqual([{ itemId: 'a' }, { itemId: 'a' }]);
    expect(actor.getSnapshot().context.noticesPrinted).toBe(1);
    actor.send({ type: 'BACK' });
    actor.send({ type: 'OPEN_ITEM', itemId: 'a' });
    expect(actor.getSnapshot().matches({ item: 'reading' })).toBe(true);
    expect(spy.startsOf('printNotice').length).toBe(2);
  });

  it('leaving while the notice prints lets it finish without a resend', () => {
    const { spy, end } = replay(browseMachine, spies, [{ type: 'OPEN_ITEM', itemId: 'a' }, { type: 'PRINT_NOTICE' }, { type: 'BACK' }, { type: 'OPEN_ITEM', itemId: 'a' }]);
    expect(end.matches({ item: 'reading' })).toBe(true);
    expect(spy.startsOf('printNotice').length).toBe(1);
  });
});

describe('journeys run inside the session', () => {
  it('a reset stops the journey and the next session starts a fresh one once the wipe answered', () => {
    const stopped: string[] = [];
    let started = 0;
    const journey = createMachine({ id: 'j', entry: () => void started++, exit: () => void stopped.push('j') });
    const session = createActor(sessionMachine.provide({ actors: { journey: journey as never } }), { input: {} }).start();
    session.send({ type: 'START' });
    const first = session.getSnapshot().children.journey;
    expect(first).toBeDefined();
    session.send({ type: 'END', reason: 'user' });
    expect(session.getSnapshot().children.journey).toBeUndefined();
    expect(first!.getSnapshot().status).toBe('stopped');
    session.send(done('wipe') as never);
    session.send({ type: 'START' });
    expect(session.getSnapshot().children.journey).not.toBe(first);
    expect(started).toBe(2);
  });
});
