import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { complaintMachine, type ComplaintEvent, type ComplaintSubmit } from '../../../state-machines/flows/complaint-machine';
import { done, failed, label, offered, replay, type Answer, type HostSpy } from '../machine-walk';

// 有诉即办 walked as a graph: the daemon's answers to the submission and to
// the receipt print are events sent while those requests run; every path is
// replayed on a real actor with spies and checked against the idempotency rules.
const KEY = '00000000-0000-4000-8000-0000000000c1';
const RATING_KEY = '00000000-0000-4000-8000-0000000000e9';
const CASE = 'WD0001-20261128-00009-Q';
type Event = ComplaintEvent | Answer;
type Snap = SnapshotFrom<typeof complaintMachine>;

const RESIDENT: ComplaintEvent[] = [
  { type: 'CHOOSE_CATEGORY', category: 'efficiency' },
  { type: 'CHOOSE_CATEGORY', category: 'terminalFault' },
  { type: 'TOGGLE_STATEMENT', id: 'overdue' },
  { type: 'TOGGLE_STATEMENT', id: 'callMe' },
  { type: 'TYPE_PHONE', phone: '1391234' },
  { type: 'TYPE_PHONE', phone: '13912345678' },
  { type: 'TYPE_PHONE', phone: '' },
  { type: 'TYPE_CASE', caseNo: 'wd000120261128000' },
  { type: 'NEXT' },
  { type: 'PREV' },
  { type: 'CHANGE', step: 'category' },
  { type: 'CHANGE', step: 'statements' },
  { type: 'CHANGE', step: 'details' },
  { type: 'SUBMIT' },
  { type: 'RETRY' },
  { type: 'PRINT' },
  { type: 'FINISH' },
];
const ANSWERS = [
  done('submit', { caseNo: CASE, promisedDate: '2026-12-07' }),
  failed('submit', 'timeout'),
  failed('submit', 'invalidArgs'),
  failed('printReceipt', 'paperOut'),
  done('printReceipt'),
  done('evaluation', { invited: true, error: undefined }),
];

const serializeState = (s: Snap) =>
  JSON.stringify([s.value, s.context.category ?? null, s.context.statements, s.context.callbackPhone.length, s.context.relatedCaseNo.length, s.context.returnToCheck, s.context.error ?? null]);
const spies = (spy: HostSpy) => ({ submit: spy.request('submit'), printReceipt: spy.request('printReceipt'), evaluation: spy.request('evaluation') });

function checkPath(events: readonly Event[], machine: typeof complaintMachine = complaintMachine) {
  const why = events.map(label).join(' ');
  const { spy, trace } = replay(machine, spies, events, { idempotencyKey: KEY, ratingKey: RATING_KEY });
  const submits = spy.startsOf<ComplaintSubmit>('submit');
  const prints = spy.startsOf<{ caseNo: string }>('printReceipt');
  // The complaint's rating is asked on 完成 once it was filed, by its case number and the rating key.
  for (const r of spy.startsOf('evaluation')) {
    expect(r.input, why).toEqual({ idempotencyKey: RATING_KEY, caseNo: CASE });
    expect([trace[r.at]!.event.type, trace[r.at]!.from.matches('accepted')], why).toEqual(['FINISH', true]);
  }
  // At most one send in flight.
  expect(spy.peak('submit'), why).toBeLessThanOrEqual(1);
  for (const [n, s] of submits.entries()) {
    const { event: e, from } = trace[s.at]!;
    // Nothing goes out without an explicit confirmation: the first send is the SUBMIT on the check screen,
    // every later one a RETRY after a failure, or a new SUBMIT after a refused content was changed.
    if (n === 0) {
      expect(e.type, why).toBe('SUBMIT');
      expect(from.value, why).toBe('check');
    } else {
      const prev = submits[n - 1]!;
      const between = events.slice(prev.at + 1, s.at);
      const failures = between.filter((x) => x.type === 'xstate.error.actor.submit') as Array<Extract<Answer, { error: unknown }>>;
      expect(failures.length, why).toBeGreaterThan(0);
      expect(
        between.some((x) => x.type === 'xstate.done.actor.submit'),
        why,
      ).toBe(false);
      if (e.type === 'RETRY') expect(from.value, why).toBe('submitFailed');
      else {
        expect(e.type, why).toBe('SUBMIT');
        expect(from.value, why).toBe('check');
      }
      // The same key every time; different content only after the daemon refused the content (nothing stored).
      if (failures.at(-1)!.error.code !== 'invalidArgs') expect(s.input, why).toEqual(prev.input);
    }
    expect(s.input.idempotencyKey, why).toBe(KEY);
    expect(s.input.statements.length, why).toBeGreaterThan(0);
    expect(['efficiency', 'terminalFault'], why).toContain(s.input.category);
    if (s.input.callbackPhone !== undefined) expect(s.input.callbackPhone, why).toMatch(/^1[3-9]\d{9}$/);
    if (s.input.relatedCaseNo !== undefined) expect(s.input.relatedCaseNo, why).toBe(s.input.relatedCaseNo.toUpperCase());
    // The statements sent are exactly those toggled on under the category sent (a new category starts afresh).
    let cat: string | undefined;
    const on = new Set<string>();
    trace.slice(0, s.at).forEach(({ event: x, from: f }) => {
      if (x.type === 'CHOOSE_CATEGORY' && f.value === 'category') {
        if (x.category !== cat) on.clear();
        cat = x.category;
      }
      if (x.type === 'TOGGLE_STATEMENT' && f.value === 'statements') void (on.has(x.id) ? on.delete(x.id) : on.add(x.id));
    });
    expect(s.input.category, why).toBe(cat);
    expect([...s.input.statements].sort(), why).toEqual([...on].sort());
  }
  // Nothing is sent after the complaint was accepted.
  const accepted = trace.findIndex((t) => t.event.type === 'xstate.done.actor.submit');
  if (accepted >= 0)
    expect(
      submits.every((s) => s.at < accepted),
      why,
    ).toBe(true);
  // Receipts: only for the accepted number, once on acceptance, then once per PRINT after a failure.
  for (const [n, p] of prints.entries()) {
    expect(p.input.caseNo, why).toBe(CASE);
    expect(accepted, why).toBeGreaterThanOrEqual(0);
    if (n === 0) expect(p.at, why).toBe(accepted);
    else {
      expect(events[p.at]!.type, why).toBe('PRINT');
      expect(trace[p.at]!.from.matches({ accepted: 'printFailed' }), why).toBe(true);
    }
  }
}

describe('有诉即办 flow graph', () => {
  const opts = { events: offered(RESIDENT, ANSWERS), serializeState, input: { idempotencyKey: KEY, ratingKey: RATING_KEY } };

  it('reaches every screen', { timeout: 60_000 }, () => {
    const reached = new Set(getShortestPaths(complaintMachine, opts).map((p) => JSON.stringify(p.state.value)));
    for (const s of [
      '"category"',
      '"statements"',
      '"details"',
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

  it('on every shortest path: sent only after an explicit confirm, one send in flight, same key, retries resend the same content', { timeout: 90_000 }, () => {
    const paths = getShortestPaths(complaintMachine, opts);
    expect(paths.length).toBeGreaterThan(50);
    for (const p of paths) checkPath(p.steps.map((s) => s.event));
  });

  // Simple paths over the whole machine do not end in reasonable time: the walk is split at the check
  // screen, with a coarser state identity (is there a statement, how long the phone is, ...).
  const coarse = (s: Snap) =>
    JSON.stringify([s.value, s.context.statements.length > 0, s.context.callbackPhone.length, s.context.relatedCaseNo.length > 0, s.context.returnToCheck, s.context.error ?? null]);

  it('on every simple path through the form (every step, every change link): nothing sent without SUBMIT on the check screen', { timeout: 90_000 }, () => {
    const form = RESIDENT.filter(
      (e) =>
        !['RETRY', 'PRINT', 'FINISH'].includes(e.type) &&
        !(e.type === 'CHOOSE_CATEGORY' && e.category === 'terminalFault') &&
        !(e.type === 'TOGGLE_STATEMENT' && e.id === 'callMe') &&
        !(e.type === 'TYPE_PHONE' && e.phone === ''),
    );
    const paths = getSimplePaths(complaintMachine, { events: form, serializeState: coarse, input: { idempotencyKey: KEY, ratingKey: RATING_KEY } });
    expect(paths.length).toBeGreaterThan(500);
    for (const p of paths) checkPath(p.steps.map((s) => s.event));
    // The walk did reach a send, with and without a phone, with and without a case number.
    const sent = paths.filter((p) => p.state.value === 'submitting').map((p) => p.state.context);
    expect(sent.some((c) => c.callbackPhone === '13912345678' && c.relatedCaseNo !== '')).toBe(true);
    expect(sent.some((c) => c.callbackPhone === '' && c.relatedCaseNo === '')).toBe(true);
  });

  it('on every simple path from the check screen (send, fail either way, retry, change after a refusal, print, reprint): one send in flight, same key, same content on a retry', {
    timeout: 90_000,
  }, () => {
    const prefix: ComplaintEvent[] = [
      { type: 'CHOOSE_CATEGORY', category: 'efficiency' },
      { type: 'TOGGLE_STATEMENT', id: 'overdue' },
      { type: 'NEXT' },
      { type: 'TYPE_PHONE', phone: '13912345678' },
      { type: 'NEXT' },
    ];
    const a = createActor(complaintMachine, { input: { idempotencyKey: KEY, ratingKey: RATING_KEY } }).start();
    for (const e of prefix) a.send(e);
    expect(a.getSnapshot().value).toBe('check');
    const back = RESIDENT.filter((e) => ['SUBMIT', 'RETRY', 'PRINT', 'FINISH', 'NEXT', 'PREV', 'TYPE_CASE'].includes(e.type) || (e.type === 'CHANGE' && e.step === 'details'));
    const paths = getSimplePaths(complaintMachine, { events: offered(back, ANSWERS), serializeState: coarse, input: { idempotencyKey: KEY, ratingKey: RATING_KEY }, fromState: a.getSnapshot() });
    a.stop();
    expect(paths.length).toBeGreaterThan(200);
    for (const p of paths) checkPath([...prefix, ...p.steps.map((s) => s.event)]);
    expect(paths.some((p) => p.steps.filter((s) => s.event.type === 'RETRY').length >= 1 && p.state.matches({ accepted: 'printed' }))).toBe(true);
    expect(paths.some((p) => p.steps.some((s) => (s.event.type as string) === 'xstate.error.actor.submit') && p.state.value === 'details')).toBe(true);
  });

  it('after a failure of unknown outcome the answers cannot change (a resend must be the same complaint); after a refusal they can', () => {
    const walk = (code: string) =>
      replay(
        complaintMachine,
        spies,
        [
          { type: 'CHOOSE_CATEGORY', category: 'efficiency' },
          { type: 'TOGGLE_STATEMENT', id: 'overdue' },
          { type: 'NEXT' },
          { type: 'TYPE_CASE', caseNo: 'wd0001' },
          { type: 'NEXT' },
          { type: 'SUBMIT' },
          failed('submit', code),
          { type: 'CHANGE', step: 'details' },
        ],
        { idempotencyKey: KEY, ratingKey: RATING_KEY },
      ).end;
    expect(walk('timeout').value).toBe('submitFailed');
    expect(walk('offline').value).toBe('submitFailed');
    const refused = walk('invalidArgs');
    expect(refused.value).toBe('details');
    expect(refused.context.returnToCheck).toBe(true);
  });

  it('an incomplete or non-mobile phone is refused on its screen with a reason; an empty one is fine', () => {
    const a = createActor(complaintMachine, { input: { idempotencyKey: KEY, ratingKey: RATING_KEY } }).start();
    a.send({ type: 'CHOOSE_CATEGORY', category: 'policy' });
    a.send({ type: 'TOGGLE_STATEMENT', id: 'suggestion' });
    a.send({ type: 'NEXT' });
    for (const phone of ['1391234', '12912345678']) {
      a.send({ type: 'TYPE_PHONE', phone });
      a.send({ type: 'NEXT' });
      expect(a.getSnapshot().value, phone).toBe('details');
      expect(a.getSnapshot().context.invalid, phone).toBe(true);
    }
    a.send({ type: 'TYPE_PHONE', phone: '' });
    expect(a.getSnapshot().context.invalid).toBe(false);
    a.send({ type: 'NEXT' });
    expect(a.getSnapshot().value).toBe('check');
  });

  it('a new category starts its statements afresh; the same category keeps them', () => {
    const a = createActor(complaintMachine, { input: { idempotencyKey: KEY, ratingKey: RATING_KEY } }).start();
    a.send({ type: 'CHOOSE_CATEGORY', category: 'efficiency' });
    a.send({ type: 'TOGGLE_STATEMENT', id: 'overdue' });
    a.send({ type: 'PREV' });
    a.send({ type: 'CHOOSE_CATEGORY', category: 'efficiency' });
    expect(a.getSnapshot().context.statements).toEqual(['overdue']);
    a.send({ type: 'PREV' });
    a.send({ type: 'CHOOSE_CATEGORY', category: 'terminalFault' });
    expect(a.getSnapshot().context.statements).toEqual([]);
  });

  it('the checks can fail: machines that change the answers after a timeout, or send without a statement, are caught', () => {
    const afterTimeout: Event[] = [
      { type: 'CHOOSE_CATEGORY', category: 'efficiency' },
      { type: 'TOGGLE_STATEMENT', id: 'overdue' },
      { type: 'NEXT' },
      { type: 'NEXT' },
      { type: 'SUBMIT' },
      failed('submit', 'timeout'),
      { type: 'CHANGE', step: 'details' },
      { type: 'TYPE_CASE', caseNo: 'x' },
      { type: 'NEXT' },
      { type: 'SUBMIT' },
    ];
    expect(() => checkPath(afterTimeout)).not.toThrow();
    // Two sends with one key and different content: the daemon would refuse the second as a key conflict.
    expect(() => checkPath(afterTimeout, complaintMachine.provide({ guards: { editable: () => true } }))).toThrow();
    const empty: Event[] = [{ type: 'CHOOSE_CATEGORY', category: 'efficiency' }, { type: 'NEXT' }, { type: 'NEXT' }, { type: 'SUBMIT' }];
    expect(() => checkPath(empty)).not.toThrow();
    expect(() => checkPath(empty, complaintMachine.provide({ guards: { hasStatement: () => true } }))).toThrow();
  });
});
