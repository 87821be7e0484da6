import { describe, expect, it } from 'vitest';
import { createActor, type AnyStateMachine, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { serviceMachine, type ServiceEvent, type ServiceInput, type SubmitParams } from '../../../state-machines/flows/service-machine';
import { pageProblems } from '../../../state-machines/flows/form-answers';
import type { CardSummary } from '../../../contract/api/card';
import type { RecordSet } from '../../../contract/api/submission';
import { CARD, FIELDS, FOREIGN_CARD, declinedIdentify, identifiedWith, serviceInputFor } from './service-fixtures';

const ACCEPTED = { caseNo: 'WD0001-20261128-00001-X', acceptedAt: '2026-11-28T10:00:00+08:00', promisedDate: '2026-12-05', provisional: false, duplicate: false };
const RECORDS = { recordType: 'socialInsurance', rows: [] } as unknown as RecordSet;

const APPLY_EVENTS: ServiceEvent[] = [
  { type: 'IDENTIFIED', card: CARD },
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
  { type: 'SUBMITTED', result: ACCEPTED },
  { type: 'SUBMIT_FAILED', code: 'storeUnavailable' },
  { type: 'RETRY' },
  { type: 'PRINT_FAILED', code: 'paperOut', jobId: 'pj-1234' },
  { type: 'PRINT' },
  { type: 'PRINTED', jobId: 'pj-1235' },
  { type: 'FINISH' },
];

type Snap = SnapshotFrom<typeof serviceMachine>;
/** For simple paths: states that differ only in which valid answer was given are one node (else the path count explodes); every path is still replayed in full. */
const coarse = (s: Snap) =>
  JSON.stringify([s.value, s.context.page, s.context.returnToCheck, pageProblems(s.context.fields, s.context.answers).length, Object.keys(s.context.provided).length, s.context.deliveryChoice ?? null, s.context.printError ?? null]);
const serializeState = (s: Snap) =>
  JSON.stringify([s.value, s.context.page, s.context.answers, s.context.provided, s.context.deliveryChoice, s.context.returnToCheck, s.context.printError ?? null]);

interface Effects {
  submits: SubmitParams[];
  receipts: string[];
  evaluations: number;
  precheckPrints: number;
  fetches: number;
  recordPrints: number;
}

function model(card: CardSummary | null) {
  return serviceMachine.provide({ actors: { identify: (card ? identifiedWith(card) : declinedIdentify) as never } });
}

function replay(machine: AnyStateMachine, input: ServiceInput, events: readonly ServiceEvent[]) {
  const fx: Effects = { submits: [], receipts: [], evaluations: 0, precheckPrints: 0, fetches: 0, recordPrints: 0 };
  const provided = (machine as typeof serviceMachine).provide({
    actions: {
      submit: (_, p) => void fx.submits.push(p),
      printReceipt: (_, p) => void fx.receipts.push(p.caseNo),
      evaluate: () => void fx.evaluations++,
      printPrecheck: () => void fx.precheckPrints++,
      fetchRecords: () => void fx.fetches++,
      printRecords: () => void fx.recordPrints++,
    },
  });
  const actor = createActor(provided, { input }).start();
  const trace = events.map((e) => {
    const before = { ...fx, submits: fx.submits.length, receipts: fx.receipts.length };
    const from = actor.getSnapshot();
    actor.send(e);
    return { event: e, from, to: actor.getSnapshot(), submitted: fx.submits.length - before.submits, printed: fx.receipts.length - before.receipts };
  });
  return { actor, fx, trace };
}

describe.each<[string, CardSummary]>([
  ['resident card (post allowed)', CARD],
  ['foreign card (no address: no post)', FOREIGN_CARD],
])('apply journey graph, %s', (_, card) => {
  // The walk sends IDENTIFIED itself; replays run the real identify child, which just waits for a card.
  const machine = serviceMachine;
  const input = serviceInputFor('item-apply');
  const events = APPLY_EVENTS.map((e) => (e.type === 'IDENTIFIED' ? { ...e, card } : e));
  const shortest = getShortestPaths(serviceMachine, { events, serializeState, input });
  const simple = getSimplePaths(serviceMachine, { events, serializeState: coarse, input });

  it('reaches every apply screen', () => {
    const reached = new Set(shortest.map((p) => JSON.stringify(p.state.value)));
    for (const s of ['"questions"', '"materials"', '"delivery"', '"check"', '"submitting"', '"submitFailed"', '{"accepted":"printing"}', '{"accepted":"printFailed"}', '{"accepted":"printed"}', '"done"']) {
      expect(reached, s).toContain(s);
    }
  });

  it('on every path: submit only from the check screen on SUBMIT, always with the same key, complete answers and every material answered; post only with a card address; receipt only for the accepted case', () => {
    expect(simple.length).toBeGreaterThan(200);
    for (const path of simple) {
      const events = path.steps.map((s) => s.event as ServiceEvent);
      const label = JSON.stringify(events.map((e) => (e.type === 'ANSWER' ? `${e.type}:${String(e.value)}` : e.type)));
      const { trace, fx } = replay(machine, input, events);
      for (const t of trace) {
        if (t.submitted) {
          expect(['SUBMIT', 'RETRY'], label).toContain(t.event.type);
          expect(['check', 'submitFailed'], label).toContain(t.from.value as string);
        }
        if (t.printed) expect(['SUBMITTED', 'PRINT'], label).toContain(t.event.type);
      }
      for (const s of fx.submits) {
        expect(s.idempotencyKey, label).toBe(input.idempotencyKey);
        expect(pageProblems(FIELDS, s.answers), label).toEqual([]);
        expect(Object.keys(s.provided).sort(), label).toEqual(input.materials);
        if (!('maskedAddress' in card) || !card.maskedAddress) expect(s.delivery, label).not.toBe('post');
        expect(input.delivery, label).toContain(s.delivery);
      }
      expect(fx.receipts.every((c) => c === ACCEPTED.caseNo), label).toBe(true);
      if (fx.receipts.length) expect(events.some((e) => e.type === 'SUBMITTED'), label).toBe(true);
    }
  });
});

describe('apply journey by hand (identify child finishing with a card)', () => {
  const machine = model(CARD);
  it('elder mode asks one question per screen and flags what is missing', () => {
    const { actor } = replay(machine, serviceInputFor('x'), [{ type: 'NEXT' }]);
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
    const { actor, fx } = replay(machine, serviceInputFor('x', { perPage: 4 }), [
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
    expect(fx.submits).toEqual([
      { idempotencyKey: '00000000-0000-4000-8000-0000000000aa', itemId: 'x', answers: { group: 'lowIncome', contactPhone: '13800000000' }, provided: { householdBook: 'have' }, delivery: 'post' },
    ]);
  });

  it('paper out before the receipt: the case stands, a reprint is offered, and the resident can leave', () => {
    const { actor, fx } = replay(machine, serviceInputFor('x', { fields: [], materials: [], delivery: ['pickup'] }), [
      { type: 'SUBMIT' },
      { type: 'SUBMITTED', result: ACCEPTED },
      { type: 'PRINT_FAILED', code: 'paperOut', jobId: 'pj-abcd' },
    ]);
    expect(actor.getSnapshot().matches({ accepted: 'printFailed' })).toBe(true);
    expect(actor.getSnapshot().context.accepted?.caseNo).toBe(ACCEPTED.caseNo);
    actor.send({ type: 'PRINT' });
    actor.send({ type: 'PRINTED', jobId: 'pj-abce' });
    expect(fx.receipts).toEqual([ACCEPTED.caseNo, ACCEPTED.caseNo]);
    expect(fx.submits.length).toBe(1);
    actor.send({ type: 'FINISH' });
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('declining consent submits nothing and ends cleanly', () => {
    const { actor, fx } = replay(model(null), serviceInputFor('x'), [{ type: 'SUBMIT' }, { type: 'NEXT' }, { type: 'FINISH' }]);
    expect(fx.submits).toEqual([]);
    expect(actor.getSnapshot().status).toBe('done');
  });
});

describe('precheck and query-print journeys', () => {
  it('precheck: every path evaluates only after SUBMIT on the check screen, never submits an application, prints only on PRINT', () => {
    const input = serviceInputFor('p', { mode: 'precheck', delivery: [] });
    const events: ServiceEvent[] = [
      ...APPLY_EVENTS.filter((e) => !['DELIVERY', 'SUBMITTED', 'SUBMIT_FAILED'].includes(e.type)),
      { type: 'EVALUATED', result: { outcome: 'ineligible', failed: ['age'] } },
    ];
    const machine = serviceMachine;
    const paths = getSimplePaths(machine, { events, serializeState: coarse, input });
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    expect(reached).toContain('{"precheckResult":"printed"}');
    expect(reached).not.toContain('"delivery"');
    for (const path of paths) {
      const evs = path.steps.map((s) => s.event as ServiceEvent);
      const { fx, trace } = replay(machine, input, evs);
      expect(fx.submits).toEqual([]);
      expect(fx.evaluations).toBe(trace.filter((t) => t.event.type === 'SUBMIT' && t.from.value === 'check').length);
      expect(fx.precheckPrints).toBeLessThanOrEqual(evs.filter((e) => e.type === 'PRINT').length);
    }
  });

  it('query-print: nothing is printed without records, and only on PRINT', () => {
    const input = serviceInputFor('q', { mode: 'queryPrint', fields: [], materials: [], delivery: [] });
    const events: ServiceEvent[] = [
      { type: 'RECORDS_FOUND', records: RECORDS },
      { type: 'NO_RECORDS' },
      { type: 'FETCH_FAILED', code: 'platformUnavailable' },
      { type: 'RETRY' },
      { type: 'PRINT' },
      { type: 'PRINT_FAILED', code: 'paperOut' },
      { type: 'PRINTED', jobId: 'pj-9999' },
      { type: 'FINISH' },
    ];
    const machine = serviceMachine;
    const paths = getSimplePaths(machine, { events: [{ type: 'IDENTIFIED', card: CARD }, ...events], serializeState, input });
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    for (const s of ['"noRecords"', '"fetchFailed"', '{"preview":"printed"}', '"done"']) expect(reached).toContain(s);
    for (const path of paths) {
      const evs = path.steps.map((s) => s.event as ServiceEvent);
      const { fx } = replay(machine, input, evs);
      if (!evs.some((e) => e.type === 'RECORDS_FOUND')) expect(fx.recordPrints).toBe(0);
      expect(fx.recordPrints).toBeLessThanOrEqual(evs.filter((e) => e.type === 'PRINT').length);
      expect(fx.fetches).toBe((evs.some((e) => e.type === 'IDENTIFIED') ? 1 : 0) + evs.filter((e, i) => e.type === 'RETRY' && evs[i - 1]?.type === 'FETCH_FAILED').length);
    }
  });
});
