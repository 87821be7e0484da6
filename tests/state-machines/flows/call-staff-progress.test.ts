import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { callStaffMachine, type CallStaffEvent } from '../../../state-machines/flows/call-staff-machine';
import { progressMachine, type ProgressEvent } from '../../../state-machines/flows/progress-machine';

const KEY = '00000000-0000-4000-8000-00000000000a';

describe('call-staff flow', () => {
  const EVENTS: CallStaffEvent[] = [
    { type: 'CHOOSE', reason: 'help' },
    { type: 'CALL_SENT', caseNo: 'WD0001-20261128-00001-K' },
    { type: 'CALL_FAILED', code: 'storeUnavailable' },
    { type: 'RETRY' },
  ];
  const paths = getSimplePaths(callStaffMachine, { events: EVENTS, input: { idempotencyKey: KEY }, serializeState: (s: SnapshotFrom<typeof callStaffMachine>) => JSON.stringify(s.value) });

  it('reaches called, and every send on every path carries the same idempotency key', () => {
    expect(paths.some((p) => p.state.value === 'called')).toBe(true);
    for (const p of paths) {
      const sends: Array<{ reason: string; idempotencyKey: string }> = [];
      const a = createActor(callStaffMachine.provide({ actions: { submitCall: (_, params) => void sends.push(params) } }), { input: { idempotencyKey: KEY } }).start();
      for (const s of p.steps) a.send(s.event);
      for (const s of sends) expect(s).toEqual({ reason: 'help', idempotencyKey: KEY });
      // One send per entry into "sending": the first choice plus each retry.
      const expected = p.steps.filter((s) => s.event.type === 'CHOOSE' || s.event.type === 'RETRY').length;
      expect(sends.length).toBe(expected);
    }
  });

  it('a failure keeps the code for the screen and a retry can still succeed', () => {
    const a = createActor(callStaffMachine, { input: { idempotencyKey: KEY } }).start();
    a.send({ type: 'CHOOSE', reason: 'accessibility' });
    a.send({ type: 'CALL_FAILED', code: 'storeUnavailable' });
    expect(a.getSnapshot().context.error).toBe('storeUnavailable');
    a.send({ type: 'RETRY' });
    a.send({ type: 'CALL_SENT', caseNo: 'X' });
    expect(a.getSnapshot().status).toBe('done');
    expect(a.getSnapshot().context).toMatchObject({ caseNo: 'X', error: undefined });
  });
});

describe('progress-by-number flow', () => {
  const EVENTS: ProgressEvent[] = [
    { type: 'TYPE', caseNo: 'wd0001-20261128-00001-k' },
    { type: 'TYPE', caseNo: '12' },
    { type: 'SUBMIT' },
    { type: 'FOUND', result: { caseNo: 'WD0001-20261128-00001-K', kind: 'application', itemCode: null, acceptedAt: '2026-11-28T01:00:00Z', promisedDate: null, provisional: false, status: 'received', timeline: [] } },
    { type: 'NOT_FOUND' },
    { type: 'LOOKUP_FAILED', code: 'invalidArgs' },
    { type: 'EDIT' },
  ];
  const shortest = getShortestPaths(progressMachine, { events: EVENTS, serializeState: (s: SnapshotFrom<typeof progressMachine>) => JSON.stringify([s.value, s.context.caseNo.length > 8, s.context.error]) });

  it('reaches every state; a lookup is made only with a plausible number, upper-cased', () => {
    expect(new Set(shortest.map((p) => p.state.value))).toEqual(new Set(['entering', 'looking', 'shown']));
    for (const p of shortest) {
      const looked: string[] = [];
      const a = createActor(progressMachine.provide({ actions: { lookUp: (_, { caseNo }) => void looked.push(caseNo) } })).start();
      for (const s of p.steps) a.send(s.event);
      for (const n of looked) expect(n).toBe('WD0001-20261128-00001-K');
    }
  });

  it('a short number is not looked up; not found returns to entry with an error', () => {
    const looked: string[] = [];
    const a = createActor(progressMachine.provide({ actions: { lookUp: (_, { caseNo }) => void looked.push(caseNo) } })).start();
    a.send({ type: 'TYPE', caseNo: '12' });
    a.send({ type: 'SUBMIT' });
    expect(looked).toEqual([]);
    a.send({ type: 'TYPE', caseNo: 'WD0001-20261128-00009-Z' });
    a.send({ type: 'SUBMIT' });
    a.send({ type: 'NOT_FOUND' });
    expect(a.getSnapshot().value).toBe('entering');
    expect(a.getSnapshot().context.error).toBe('notFound');
  });
});

describe('progress by ID card and by scanned QR', () => {
  const CASE = (caseNo: string) =>
    ({ caseNo, kind: 'application', itemCode: 'X', acceptedAt: '2026-11-28T10:00:00+08:00', promisedDate: null, provisional: false, status: 'submitted', timeline: [] }) as never;
  const CARD = { maskedName: '林**', maskedIdNumber: '4104**********0023', expired: false } as never;
  const EVENTS: ProgressEvent[] = [
    { type: 'BY_CARD' },
    { type: 'IDENTIFIED', card: CARD },
    { type: 'IDENTIFY_DECLINED' },
    { type: 'FOUND_MANY', cases: [CASE('WD0001-20261128-00001-A'), CASE('WD0001-20261128-00002-B')] },
    { type: 'OPEN_CASE', caseNo: 'WD0001-20261128-00002-B' },
    { type: 'OPEN_CASE', caseNo: 'WD0001-20261128-99999-Z' },
    { type: 'NOT_FOUND' },
    { type: 'LOOKUP_FAILED', code: 'platformUnavailable' },
    { type: 'SCANNED', caseNo: 'wd0001-20261128-00003-c' },
    { type: 'FOUND', result: CASE('WD0001-20261128-00003-C') },
    { type: 'EDIT' },
  ];
  const serializeState = (s: SnapshotFrom<typeof progressMachine>) => JSON.stringify([s.value, s.context.cases.length, s.context.error ?? null, s.context.result?.caseNo ?? null]);
  const paths = getSimplePaths(progressMachine, { events: EVENTS, serializeState });

  it('reaches the case list and a case from it; every by-card lookup follows an identification, every number lookup a scan or submit', () => {
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    for (const s of ['"identifying"', '"lookingByCard"', '"list"', '"shown"']) expect(reached).toContain(s);
    for (const p of paths) {
      const byCard: number[] = [];
      const byNumber: string[] = [];
      const a = createActor(progressMachine.provide({ actions: { lookUpByCard: () => void byCard.push(1), lookUp: (_, { caseNo }) => void byNumber.push(caseNo) } })).start();
      const evs = p.steps.map((s) => s.event);
      for (const e of evs) a.send(e);
      expect(byCard.length).toBeLessThanOrEqual(evs.filter((e) => e.type === 'IDENTIFIED').length);
      expect(byNumber.length).toBeLessThanOrEqual(evs.filter((e) => e.type === 'SCANNED' || e.type === 'SUBMIT').length);
      for (const n of byNumber) expect(n).toBe(n.toUpperCase());
      // A case opened from the list is one of the person's cases, never a foreign number.
      const snap = a.getSnapshot();
      if (snap.value === 'shown' && snap.context.cases.length) expect(snap.context.cases.map((c) => c.caseNo)).toContain(snap.context.result!.caseNo);
    }
  });

  it('declining consent returns to the number entry without looking anything up', () => {
    const looked: number[] = [];
    const a = createActor(progressMachine.provide({ actions: { lookUpByCard: () => void looked.push(1) } })).start();
    a.send({ type: 'BY_CARD' });
    a.send({ type: 'IDENTIFY_DECLINED' });
    expect(a.getSnapshot().value).toBe('entering');
    expect(looked).toEqual([]);
  });
});
