import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { complaintMachine, type ComplaintEvent, type ComplaintSubmit } from '../../../state-machines/flows/complaint-machine';
import { evaluationMachine, type EvaluationEvent, type EvaluationSubmit } from '../../../state-machines/flows/evaluation-machine';

const KEY = '00000000-0000-4000-8000-0000000000cc';

describe('有诉即办 flow graph', () => {
  const EVENTS: ComplaintEvent[] = [
    { type: 'CHOOSE_CATEGORY', category: 'efficiency' },
    { type: 'CHOOSE_CATEGORY', category: 'terminalFault' },
    { type: 'TOGGLE_STATEMENT', id: 'overdue' },
    { type: 'TYPE_PHONE', phone: '1391234' },
    { type: 'TYPE_PHONE', phone: '13912345678' },
    { type: 'NEXT' },
    { type: 'PREV' },
    { type: 'CHANGE', step: 'statements' },
    { type: 'SUBMIT' },
    { type: 'SUBMITTED', caseNo: 'WD0001-20261128-00009-Q', promisedDate: '2026-12-05' },
    { type: 'SUBMIT_FAILED', code: 'storeUnavailable' },
    { type: 'RETRY' },
    { type: 'PRINT_FAILED', code: 'paperOut' },
    { type: 'PRINT' },
    { type: 'PRINTED' },
    { type: 'FINISH' },
  ];
  const serializeState = (s: SnapshotFrom<typeof complaintMachine>) =>
    JSON.stringify([s.value, s.context.category ?? null, s.context.statements.length, s.context.callbackPhone.length, s.context.returnToCheck]);
  const opts = { events: EVENTS, serializeState, input: { idempotencyKey: KEY } };

  it('reaches every screen', () => {
    const reached = new Set(getShortestPaths(complaintMachine, opts).map((p) => JSON.stringify(p.state.value)));
    for (const s of ['"category"', '"statements"', '"details"', '"check"', '"submitting"', '"submitFailed"', '{"accepted":"printing"}', '{"accepted":"printFailed"}', '{"accepted":"printed"}', '"done"']) {
      expect(reached, s).toContain(s);
    }
  });

  it('on every simple path: submitted only from the check screen (or a retry), same key, with a statement and a valid or empty phone; receipts only for the accepted number', () => {
    // One category for the exhaustive walk (a category change is checked by hand below); every other event.
    const paths = getSimplePaths(complaintMachine, { ...opts, events: EVENTS.filter((e) => !(e.type === 'CHOOSE_CATEGORY' && e.category === 'terminalFault')) });
    expect(paths.length).toBeGreaterThan(100);
    for (const path of paths) {
      const submits: ComplaintSubmit[] = [];
      const prints: string[] = [];
      const a = createActor(
        complaintMachine.provide({ actions: { submit: (_, p) => void submits.push(p), printReceipt: (_, p) => void prints.push(p.caseNo) } }),
        { input: { idempotencyKey: KEY } },
      ).start();
      const evs = path.steps.map((s) => s.event as ComplaintEvent);
      const label = JSON.stringify(evs.map((e) => e.type));
      for (const e of evs) {
        const from = a.getSnapshot().value;
        const before = submits.length;
        a.send(e);
        if (submits.length > before) {
          expect(['check', 'submitFailed'], label).toContain(from);
          expect(['SUBMIT', 'RETRY'], label).toContain(e.type);
        }
      }
      for (const s of submits) {
        expect(s.idempotencyKey, label).toBe(KEY);
        expect(s.statements.length, label).toBeGreaterThan(0);
        if (s.callbackPhone !== undefined) expect(s.callbackPhone, label).toMatch(/^1[3-9]\d{9}$/);
      }
      // Statements chosen under an earlier category never travel with a later one.
      let category: string | undefined;
      let since = 0;
      evs.forEach((e, i) => {
        if (e.type === 'CHOOSE_CATEGORY' && e.category !== category) {
          category = e.category;
          since = i;
        }
      });
      const toggledSince = new Set(evs.slice(since).flatMap((e) => (e.type === 'TOGGLE_STATEMENT' ? [e.id] : [])));
      const last = submits.at(-1);
      if (last && evs.slice(since).some((e) => e.type === 'SUBMIT' || e.type === 'RETRY')) for (const x of last.statements) expect(toggledSince.has(x), label).toBe(true);
      for (const p of prints) expect(p, label).toBe('WD0001-20261128-00009-Q');
    }
  });

  it('a new category starts its statements afresh; the same category keeps them', () => {
    const a = createActor(complaintMachine, { input: { idempotencyKey: KEY } }).start();
    a.send({ type: 'CHOOSE_CATEGORY', category: 'efficiency' });
    a.send({ type: 'TOGGLE_STATEMENT', id: 'overdue' });
    a.send({ type: 'PREV' });
    a.send({ type: 'CHOOSE_CATEGORY', category: 'efficiency' });
    expect(a.getSnapshot().context.statements).toEqual(['overdue']);
    a.send({ type: 'PREV' });
    a.send({ type: 'CHOOSE_CATEGORY', category: 'terminalFault' });
    expect(a.getSnapshot().context.statements).toEqual([]);
  });
});

describe('好差评 flow graph', () => {
  const EVENTS: EvaluationEvent[] = [
    { type: 'RATE', level: 5 },
    { type: 'RATE', level: 2 },
    { type: 'RATE', level: 9 },
    { type: 'TOGGLE_REASON', code: 'effic' },
    { type: 'TYPE_CASE', caseNo: 'wd0001' },
    { type: 'NEXT' },
    { type: 'PREV' },
    { type: 'SUBMIT' },
    { type: 'SUBMITTED' },
    { type: 'SUBMIT_FAILED', code: 'invalidArgs' },
    { type: 'RETRY' },
    { type: 'FINISH' },
  ];
  const serializeState = (s: SnapshotFrom<typeof evaluationMachine>) => JSON.stringify([s.value, s.context.level ?? null, s.context.reasons.length, s.context.caseNo.length]);
  const opts = { events: EVENTS, serializeState, input: { idempotencyKey: KEY } };

  it('reaches every screen; reasons only after a poor rating', () => {
    const paths = getShortestPaths(evaluationMachine, opts);
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    for (const s of ['"rating"', '"reasons"', '"details"', '"submitting"', '"failed"', '"thanks"', '"done"']) expect(reached, s).toContain(s);
    for (const p of paths) if (p.state.value === 'reasons') expect(p.state.context.level).toBeLessThanOrEqual(2);
  });

  it('on every simple path: one level 1–5, reasons only with a 差评 (and then at least one), same key on retries', () => {
    const paths = getSimplePaths(evaluationMachine, opts);
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      const submits: EvaluationSubmit[] = [];
      const a = createActor(evaluationMachine.provide({ actions: { submit: (_, p) => void submits.push(p) } }), { input: { idempotencyKey: KEY } }).start();
      for (const s of path.steps) a.send(s.event);
      for (const s of submits) {
        expect(s.idempotencyKey).toBe(KEY);
        expect([1, 2, 3, 4, 5]).toContain(s.level);
        if (s.level <= 2) expect(s.reasons.length).toBeGreaterThan(0);
        else expect(s.reasons).toEqual([]);
        if (s.caseNo !== undefined) expect(s.caseNo).toBe(s.caseNo.toUpperCase());
      }
    }
  });
});
