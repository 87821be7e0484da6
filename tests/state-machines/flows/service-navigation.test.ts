import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { hasAnswers, serviceMachine, type ServiceEvent, type ServiceInput } from '../../../state-machines/flows/service-machine';
import { journeySteps, stepCount } from '../../../state-machines/flows/service-steps';
import { done, failed, label, offered, replay, type Answer } from '../machine-walk';
import { CARD, serviceSpies, serviceInputFor } from './service-fixtures';

type Snap = SnapshotFrom<typeof serviceMachine>;
type Event = ServiceEvent | Answer;

const RESIDENT: ServiceEvent[] = [
  { type: 'ANSWER', fieldId: 'group', value: 'general' },
  { type: 'ANSWER', fieldId: 'contactPhone', value: '13800000000' },
  { type: 'NEXT' },
  { type: 'PREV' },
  { type: 'PROVIDE', materialId: 'householdBook', choice: 'have' },
  { type: 'DELIVERY', method: 'pickup' },
  { type: 'CHANGE', section: 'questions', page: 0 },
  { type: 'LEAVE', to: 'home' },
  { type: 'STAY' },
  { type: 'CONFIRM_LEAVE' },
];
const ANSWERS = [done('identify', { outcome: 'identified', card: CARD }), failed('submit', 'storeUnavailable')];
const FORM_STEPS = ['questions', 'materials', 'delivery', 'check'];

const spies = serviceSpies;
const held = (s: Snap) => JSON.stringify([s.context.answers, s.context.provided, s.context.deliveryChoice ?? null]);

/**
 * Every reachable state (by its shortest path, answers included) and every event from it: each transition of the
 * machine is taken once. Simple paths would multiply past what a run can replay: every step back adds a cycle.
 * Slow on a loaded machine (thousands of replays), hence the longer timeouts.
 */
function transitions(input: ServiceInput) {
  const events = offered<ServiceEvent>(RESIDENT, ANSWERS);
  const serializeState = (s: Snap) => JSON.stringify([s.value, s.context.page, s.context.returnToCheck, held(s), s.context.leaveTo]);
  return getShortestPaths(serviceMachine, { events, serializeState, input }).flatMap((path) => {
    const evs = path.steps.map((s) => s.event) as Event[];
    return path.state.status === 'done' ? [evs] : events(path.state).map((next) => [...evs, next as Event]);
  });
}

describe.each<[string, ServiceInput]>([
  ['questions, materials and delivery', serviceInputFor('item-apply')],
  ['no materials, one delivery method', serviceInputFor('item-apply', { materials: [], delivery: ['pickup'] })],
  ['no questions', serviceInputFor('item-apply', { fields: [] })],
])('navigation walk, %s', (_, input) => {
  // SUBMIT is left out: what happens after a submission is walked in service-machine.test.ts.
  const walks = transitions(input);

  it('every form step offers a step back, and a step back keeps every answer', { timeout: 90_000 }, () => {
    expect(walks.length).toBeGreaterThan(20);
    for (const evs of walks) {
      const why = evs.map(label).join(' ');
      const { trace } = replay(serviceMachine, spies, evs, input);
      for (const t of trace) {
        if (FORM_STEPS.includes(String(t.to.value))) expect(t.to.can({ type: 'PREV' }), `PREV offered in ${String(t.to.value)} after ${why}`).toBe(true);
        if (t.event.type === 'PREV' && t.to.status !== 'done') expect(held(t.to), why).toBe(held(t.from));
      }
    }
  });

  it('answers are thrown away only after the resident confirmed it', { timeout: 90_000 }, () => {
    for (const evs of walks) {
      const why = evs.map(label).join(' ');
      const { trace } = replay(serviceMachine, spies, evs, input);
      for (const t of trace) {
        if (t.to.status === 'done' && hasAnswers(t.from.context)) expect(t.event.type, why).toBe('CONFIRM_LEAVE');
      }
    }
  });
});

describe('navigation by hand', () => {
  const identified = done('identify', { outcome: 'identified', card: CARD });
  const answered: Event[] = [
    identified,
    { type: 'ANSWER', fieldId: 'group', value: 'general' },
    { type: 'NEXT' },
    { type: 'ANSWER', fieldId: 'contactPhone', value: '13800000000' },
    { type: 'NEXT' },
    { type: 'PROVIDE', materialId: 'householdBook', choice: 'have' },
    { type: 'NEXT' },
    { type: 'DELIVERY', method: 'pickup' },
    { type: 'NEXT' },
  ];

  it('a step back from the check page walks back through delivery, materials and every question page, keeping answers', () => {
    const { actor } = replay(serviceMachine, spies, answered, serviceInputFor('x'));
    expect(actor.getSnapshot().value).toBe('check');
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      actor.send({ type: 'PREV' });
      const s = actor.getSnapshot();
      seen.push(`${String(s.value)}${s.matches('questions') ? `.${s.context.page}` : ''}`);
    }
    expect(seen).toEqual(['delivery', 'materials', 'questions.1', 'questions.0']);
    expect(actor.getSnapshot().context.answers).toEqual({ group: 'general', contactPhone: '13800000000' });
  });

  it('a step back from the first question asks before losing answers; staying keeps them; confirming returns to the guide', () => {
    const { actor } = replay(serviceMachine, spies, [identified, { type: 'ANSWER', fieldId: 'group', value: 'general' }, { type: 'PREV' }], serviceInputFor('x'));
    expect(actor.getSnapshot().value).toBe('leaving');
    actor.send({ type: 'STAY' });
    expect(actor.getSnapshot().value).toBe('questions');
    expect(actor.getSnapshot().context.answers).toEqual({ group: 'general' });
    actor.send({ type: 'PREV' });
    actor.send({ type: 'CONFIRM_LEAVE' });
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().output).toEqual({ to: 'guide' });
  });

  it('with nothing entered a step back leaves for the guide at once; Home leaves for home', () => {
    expect(replay(serviceMachine, spies, [identified, { type: 'PREV' }], serviceInputFor('x')).end.output).toEqual({ to: 'guide' });
    expect(replay(serviceMachine, spies, [{ type: 'PREV' }], serviceInputFor('x')).end.output).toEqual({ to: 'guide' });
    expect(replay(serviceMachine, spies, [identified, { type: 'LEAVE', to: 'home' }], serviceInputFor('x')).end.output).toEqual({ to: 'home' });
  });
});

describe('journey step count', () => {
  it('counts the card, consent, each question page, materials, delivery, check and the result', () => {
    const input = serviceInputFor('x');
    expect(journeySteps(input)).toEqual(['card', 'consent', 'questions.0', 'questions.1', 'materials', 'delivery', 'check', 'result']);
    expect(stepCount(input, 'identify', 0, 'reader')).toEqual({ step: 1, steps: 8 });
    expect(stepCount(input, 'identify', 0, 'consent')).toEqual({ step: 2, steps: 8 });
    expect(stepCount(input, 'questions', 1)).toEqual({ step: 4, steps: 8 });
    expect(stepCount(input, 'check', 0)).toEqual({ step: 7, steps: 8 });
    expect(stepCount(serviceInputFor('x', { mode: 'queryPrint' }), 'preview', 0)).toEqual({ step: 3, steps: 3 });
    expect(stepCount(input, 'leaving', 0)).toBeUndefined();
  });
});

describe('dates: answered by default only where today is the sensible answer', () => {
  const identified = done('identify', { outcome: 'identified', card: CARD });
  const dates = serviceInputFor('x', {
    perPage: 4,
    materials: [],
    fields: [
      { id: 'startDate', kind: 'date', required: true, label: { zh: '开始就医日期', en: 'Treatment starts on' }, minOffsetDays: 0, maxOffsetDays: 365 },
      { id: 'since', kind: 'date', required: true, label: { zh: '失业日期', en: 'Out of work since' }, maxOffsetDays: 0 },
    ],
  });

  it('a date from today on starts as today and counts as answered; a past date starts unanswered and is flagged', () => {
    const { actor } = replay(serviceMachine, spies, [identified, { type: 'NEXT' }], dates);
    expect(actor.getSnapshot().context.answers).toEqual({ startDate: '2026-11-28' });
    expect(actor.getSnapshot().context.missing).toEqual(['since']);
    actor.send({ type: 'ANSWER', fieldId: 'since', value: '2026-10-01' });
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().value).toBe('delivery');
  });

  it('a default left as it was is nothing to lose', () => {
    expect(replay(serviceMachine, spies, [identified, { type: 'PREV' }], dates).end.output).toEqual({ to: 'guide' });
  });
});
