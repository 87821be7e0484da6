import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { serviceMachine, type PrecheckParams, type ServiceEvent, type ServiceInput, type SubmitParams } from '../../../state-machines/flows/service-machine';
import { pageProblems } from '../../../state-machines/flows/form-answers';
import type { CardSummary } from '../../../contract/api/card';
import type { RecordSet } from '../../../contract/api/submission';
import type { PrecheckResult } from '../../../contract/api/precheck';
import { done, failed, label, offered, replay, type Answer } from '../machine-walk';
import { CARD, serviceSpies, FIELDS, FOREIGN_CARD, serviceInputFor } from './service-fixtures';

const ACCEPTED = { caseNo: 'WD0001-20261128-00001-X', acceptedAt: '2026-11-28T10:00:00+08:00', promisedDate: '2026-12-05', provisional: false, duplicate: false };
const RECORDS = { recordType: 'socialInsurance', rows: [] } as unknown as RecordSet;
const INELIGIBLE: PrecheckResult = { outcome: 'ineligible', failed: ['age'], reasons: [{ zh: '年龄不符' }], missingMaterials: [] };
const identified = (card: CardSummary) => done('identify', { outcome: 'identified', card });
type Event = ServiceEvent | Answer;
type Snap = SnapshotFrom<typeof serviceMachine>;

const APPLY_RESIDENT: ServiceEvent[] = [
  { type: 'ANSWER', fieldId: 'group', value: 'general' },
  { type: 'ANSWER', fieldId: 'contactPhone', value: '13800000000' },
  { type: 'ANSWER', fieldId: 'contactPhone', value: '1380000' },
  { type: 'NEXT' },
  { type: 'PREV' },
  { type: 'PROVIDE', materialId: 'householdBook', choice: 'later' },
  { type: 'PROVIDE', materialId: 'householdBook', choice: 'post' },
  { type: 'DELIVERY', method: 'post' },
  { type: 'DELIVERY', method: 'pickup' },
  { type: 'CHANGE', section: 'questions', page: 1 },
  { type: 'CHANGE', section: 'delivery' },
  { type: 'SUBMIT' },
  { type: 'RETRY' },
  { type: 'PRINT' },
  { type: 'FINISH' },
];
/**
 * Without steps back, for simple paths: every step back (and the leave question behind the first one) adds
 * cycles that multiply the simple paths past what a run can replay. Steps back are walked in
 * service-navigation.test.ts, and by the shortest paths here.
 */
const FORWARD = APPLY_RESIDENT.filter((e) => e.type !== 'PREV');
/** The rating's end, as the service-evaluation child reports it (walked on its own in service-evaluation-machine.test.ts). */
const EVALUATED = done('evaluation', { invited: true, error: undefined });
const APPLY_ANSWERS = [done('submit', ACCEPTED), failed('submit', 'storeUnavailable'), failed('printReceipt', 'paperOut'), done('printReceipt')];

/**
 * For simple paths: states that differ only in which valid answer was given are one node (else the path count
 * explodes). Which fields still have a problem is kept, so a replay of every path takes the walk's way through
 * the machine (a replay that strays fails: an answer would reach a request that is not running).
 */
const coarse = (s: Snap) =>
  JSON.stringify([
    s.value,
    s.context.page,
    s.context.returnToCheck,
    pageProblems(s.context.fields, s.context.answers),
    Object.keys(s.context.provided).length,
    s.context.deliveryChoice ?? null,
    s.context.error ?? null,
    s.context.printError ?? null,
  ]);
const serializeState = (s: Snap) =>
  JSON.stringify([s.value, s.context.page, s.context.answers, s.context.provided, s.context.deliveryChoice, s.context.returnToCheck, s.context.error ?? null, s.context.printError ?? null]);

const spies = serviceSpies;
const run = (input: ServiceInput, events: readonly Event[]) => replay(serviceMachine, spies, events, input);

describe.each<[string, CardSummary]>([
  ['resident card (post allowed)', CARD],
  ['foreign card (no address: no post)', FOREIGN_CARD],
])('apply journey graph, %s', (_, card) => {
  const input = serviceInputFor('item-apply');
  // The rating's end only on the shortest paths: on the simple ones it would double every path past 完成.
  const events = offered(APPLY_RESIDENT, [identified(card), ...APPLY_ANSWERS, EVALUATED]);
  const shortest = getShortestPaths(serviceMachine, { events, serializeState, input });
  const simple = getSimplePaths(serviceMachine, { events: offered(FORWARD, [identified(card), ...APPLY_ANSWERS]), serializeState: coarse, input });

  it('reaches every apply screen', () => {
    const reached = new Set(shortest.map((p) => JSON.stringify(p.state.value)));
    for (const s of [
      '"questions"',
      '"materials"',
      '"delivery"',
      '"check"',
      '"submitting"',
      '"submitFailed"',
      '{"accepted":"printing"}',
      '{"accepted":"printFailed"}',
      '{"accepted":"printed"}',
      '"evaluation"',
      '"done"',
    ]) {
      expect(reached, s).toContain(s);
    }
  });

  it('on every path: submit only from the check screen on SUBMIT (or a retry), one at a time, always with the same key, complete answers and every material answered; post only with a card address; receipt only for the accepted case', () => {
    expect(simple.length).toBeGreaterThan(200);
    for (const path of [...shortest, ...simple]) {
      const evs = path.steps.map((s) => s.event);
      const why = evs.map((e) => (e.type === 'ANSWER' ? `${e.type}:${String(e.value)}` : label(e))).join(' ');
      const { spy, trace } = run(input, evs);
      expect(spy.peak('submit'), why).toBeLessThanOrEqual(1);
      for (const s of spy.startsOf<SubmitParams>('submit')) {
        const t = trace[s.at]!;
        expect(['SUBMIT', 'RETRY'], why).toContain(t.event.type);
        expect(['check', 'submitFailed'], why).toContain(t.from.value);
        expect(s.input.idempotencyKey, why).toBe(input.idempotencyKey);
        expect(pageProblems(FIELDS, s.input.answers), why).toEqual([]);
        expect(Object.keys(s.input.provided).sort(), why).toEqual(input.materials);
        if (!card.maskedAddress) expect(s.input.delivery, why).not.toBe('post');
        expect(input.delivery, why).toContain(s.input.delivery);
      }
      // A retry after a failure whose outcome is unknown resends exactly what was sent.
      const sends = spy.startsOf<SubmitParams>('submit');
      for (let n = 1; n < sends.length; n++) expect(sends[n]!.input, why).toEqual(sends[0]!.input);
      for (const p of spy.startsOf<{ caseNo: string }>('printReceipt')) {
        expect(p.input.caseNo, why).toBe(ACCEPTED.caseNo);
        expect(['xstate.done.actor.submit', 'PRINT'], why).toContain(trace[p.at]!.event.type);
      }
      // The rating is asked once the case stands, on 完成, of that case and with the journey's rating key; the journey ends only after it.
      for (const e of spy.startsOf('evaluation')) {
        expect(e.input, why).toEqual({ idempotencyKey: input.ratingKey, itemCode: input.itemCode, caseNo: ACCEPTED.caseNo });
        expect([trace[e.at]!.event.type, Object.keys(trace[e.at]!.from.value as object)], why).toEqual(['FINISH', ['accepted']]);
      }
      if (path.state.value === 'done' && evs.some((e) => (e.type as string) === 'xstate.done.actor.submit')) expect(spy.startsOf('evaluation').length, why).toBe(1);
    }
  });
});

describe('apply journey by hand (identified with a card)', () => {
  it('elder mode asks one question per screen and flags what is missing', () => {
    const { actor } = run(serviceInputFor('x'), [identified(CARD), { type: 'NEXT' }]);
    expect(actor.getSnapshot().context.missing).toEqual(['group']);
    actor.send({ type: 'ANSWER', fieldId: 'group', value: 'general' });
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().context.page).toBe(1);
    actor.send({ type: 'ANSWER', fieldId: 'contactPhone', value: '12345' });
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().context.missing).toEqual(['contactPhone']);
    expect(actor.getSnapshot().value).toBe('questions');
  });

  it('a change from the check screen returns to the check screen, not through every step again', () => {
    const { actor, spy } = run(serviceInputFor('x', { perPage: 4 }), [
      identified(CARD),
      { type: 'ANSWER', fieldId: 'group', value: 'general' },
      { type: 'ANSWER', fieldId: 'contactPhone', value: '13800000000' },
      { type: 'NEXT' },
      { type: 'PROVIDE', materialId: 'householdBook', choice: 'have' },
      { type: 'NEXT' },
      { type: 'DELIVERY', method: 'post' },
      { type: 'NEXT' },
      { type: 'CHANGE', section: 'questions' },
      { type: 'ANSWER', fieldId: 'group', value: 'lowIncome' },
      { type: 'NEXT' },
    ]);
    expect(actor.getSnapshot().value).toBe('check');
    actor.send({ type: 'SUBMIT' });
    expect(spy.startsOf('submit').map((s) => s.input)).toEqual([
      { idempotencyKey: '00000000-0000-4000-8000-0000000000aa', itemId: 'x', answers: { group: 'lowIncome', contactPhone: '13800000000' }, provided: { householdBook: 'have' }, delivery: 'post' },
    ]);
  });

  it('paper out before the receipt: the case stands, a reprint is offered, and the resident can leave', () => {
    const { actor, spy } = run(serviceInputFor('x', { fields: [], materials: [], delivery: ['pickup'] }), [
      identified(CARD),
      { type: 'SUBMIT' },
      done('submit', ACCEPTED),
      failed('printReceipt', 'paperOut'),
    ]);
    expect(actor.getSnapshot().matches({ accepted: 'printFailed' })).toBe(true);
    expect(actor.getSnapshot().context).toMatchObject({ printError: 'paperOut', accepted: { caseNo: ACCEPTED.caseNo } });
    actor.send({ type: 'PRINT' });
    actor.send(done('printReceipt') as never);
    const receipt = { caseNo: ACCEPTED.caseNo, idempotencyKey: '00000000-0000-4000-8000-0000000000aa' };
    expect(spy.startsOf('printReceipt').map((p) => p.input)).toEqual([receipt, receipt]);
    expect(spy.startsOf('submit').length).toBe(1);
    actor.send({ type: 'FINISH' });
    expect(actor.getSnapshot().value).toBe('evaluation');
    actor.send(done('evaluation', { invited: true, error: undefined }) as never);
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('after a lost answer only the same application can be resent; answers the daemon refused can be changed', () => {
    const upToSubmit: Event[] = [identified(CARD), { type: 'SUBMIT' }];
    const lost = run(serviceInputFor('x', { fields: [], materials: [], delivery: ['pickup'] }), [...upToSubmit, failed('submit', 'timeout'), { type: 'CHANGE', section: 'questions' }]);
    expect(lost.end.value).toBe('submitFailed');
    const refused = run(serviceInputFor('x', { fields: [], materials: [], delivery: ['pickup'] }), [...upToSubmit, failed('submit', 'invalidArgs'), { type: 'CHANGE', section: 'questions' }]);
    expect(refused.end.value).toBe('check');
  });

  it('an open case of the same item is shown; applying again is possible only where the item allows it, naming that case', () => {
    const bare = serviceInputFor('x', { fields: [], materials: [], delivery: ['pickup'] });
    const refusal = (repeatAllowed: boolean) => ({
      type: 'xstate.error.actor.submit' as const,
      error: { code: 'duplicateOpen', detail: { caseNo: 'WD0001-20261101-00007-Q', acceptedAt: '2026-11-01T09:00:00+08:00', status: 'reviewing', repeatAllowed } },
    });
    const once = run(bare, [identified(CARD), { type: 'SUBMIT' }, refusal(false), { type: 'REPEAT' }]);
    expect(once.end.value).toBe('submitFailed');
    expect(once.end.context.openCase).toEqual({ caseNo: 'WD0001-20261101-00007-Q', acceptedAt: '2026-11-01T09:00:00+08:00', status: 'reviewing', repeatAllowed: false });
    expect(once.spy.startsOf('submit').length).toBe(1);
    const repeat = run(bare, [identified(CARD), { type: 'SUBMIT' }, refusal(true), { type: 'REPEAT' }]);
    expect(repeat.end.value).toBe('submitting');
    const sends = repeat.spy.startsOf<SubmitParams>('submit');
    expect(sends.map((s) => s.input.repeatOf)).toEqual([undefined, 'WD0001-20261101-00007-Q']);
    // The same key: nothing was stored under it, so the second send is still one submission.
    expect(sends[1]!.input.idempotencyKey).toBe(sends[0]!.input.idempotencyKey);
  });

  it('declining consent submits nothing and ends cleanly', () => {
    const { actor, spy } = run(serviceInputFor('x'), [done('identify', { outcome: 'declined' }), { type: 'SUBMIT' }, { type: 'NEXT' }, { type: 'FINISH' }]);
    expect(spy.startsOf('submit')).toEqual([]);
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('the card reminder goes when the reader reports the card taken', () => {
    let send: (e: ServiceEvent) => void = () => undefined;
    const { actor } = replay(serviceMachine, (spy) => ({ ...spies(spy), cardRemoval: spy.stream('cardRemoval', (sendBack) => (send = sendBack)) }), [identified(CARD)], serviceInputFor('x'));
    expect(actor.getSnapshot().context.cardTaken).toBe(false);
    send({ type: 'CARD_REMOVED' });
    expect(actor.getSnapshot().context.cardTaken).toBe(true);
  });
});

describe('precheck and query-print journeys', () => {
  it('precheck: every path asks the daemon only after SUBMIT on the check screen, never submits an application, prints only on PRINT with what was judged', () => {
    const input = serviceInputFor('p', { mode: 'precheck', delivery: [] });
    const resident = FORWARD.filter((e) => e.type !== 'DELIVERY');
    const answers = [identified(CARD), done('precheck', INELIGIBLE), failed('precheck', 'offline'), done('printPrecheck'), failed('printPrecheck', 'paperOut')];
    const paths = getSimplePaths(serviceMachine, { events: offered(resident, answers), serializeState: coarse, input });
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    for (const s of ['{"precheckResult":"printed"}', '"precheckFailed"']) expect(reached).toContain(s);
    expect(reached).not.toContain('"delivery"');
    for (const path of paths) {
      const evs = path.steps.map((s) => s.event);
      const why = evs.map(label).join(' ');
      const { spy, trace } = run(input, evs);
      expect(spy.startsOf('submit'), why).toEqual([]);
      for (const p of spy.startsOf('precheck')) {
        expect(['SUBMIT', 'RETRY'], why).toContain(trace[p.at]!.event.type);
        expect(['check', 'precheckFailed'], why).toContain(trace[p.at]!.from.value);
      }
      expect(spy.startsOf('precheck').length, why).toBe(trace.filter((t) => t.to.value === 'evaluating' && t.from.value !== 'evaluating').length);
      for (const p of spy.startsOf<PrecheckParams>('printPrecheck')) {
        expect(trace[p.at]!.event.type, why).toBe('PRINT');
        expect(p.input, why).toEqual(spy.startsOf<PrecheckParams>('precheck').at(-1)!.input);
      }
    }
  });

  it('query-print: nothing is printed without records, and only on PRINT; no records is said plainly', () => {
    const input = serviceInputFor('q', { mode: 'queryPrint', fields: [], materials: [], delivery: [] });
    const resident: ServiceEvent[] = [{ type: 'RETRY' }, { type: 'PRINT' }, { type: 'FINISH' }];
    const answers = [
      identified(CARD),
      done('fetchRecords', RECORDS),
      failed('fetchRecords', 'notFound'),
      failed('fetchRecords', 'platformUnavailable'),
      failed('printRecords', 'paperOut'),
      done('printRecords'),
      done('evaluation', { invited: true, error: undefined }),
    ];
    const paths = getSimplePaths(serviceMachine, { events: offered(resident, answers), serializeState, input });
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    for (const s of ['"noRecords"', '"fetchFailed"', '{"preview":"printed"}', '"evaluation"', '"done"']) expect(reached).toContain(s);
    for (const path of paths) {
      const evs = path.steps.map((s) => s.event);
      const why = evs.map(label).join(' ');
      const { spy, trace } = run(input, evs);
      const prints = spy.startsOf('printRecords');
      if (!evs.some((e) => (e.type as string) === 'xstate.done.actor.fetchRecords')) expect(prints, why).toEqual([]);
      for (const p of prints) expect(trace[p.at]!.event.type, why).toBe('PRINT');
      expect(spy.startsOf('fetchRecords').length, why).toBe(trace.filter((t) => t.to.value === 'fetching' && t.from.value !== 'fetching').length);
      // Rated only once records were printed: the item's event at this terminal (no case number).
      for (const e of spy.startsOf('evaluation')) {
        expect(e.input, why).toEqual({ idempotencyKey: input.ratingKey, itemCode: input.itemCode });
        expect(trace[e.at]!.from.matches({ preview: 'printed' }), why).toBe(true);
      }
    }
  });
});
