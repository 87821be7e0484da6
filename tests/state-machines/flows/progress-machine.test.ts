import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { progressMachine, type ProgressEvent } from '../../../state-machines/flows/progress-machine';
import type { CaseProgress } from '../../../contract/api/submission';
import { done, failed, label, offered, replay, type HostSpy } from '../machine-walk';
import { CARD } from './service-fixtures';

type Snap = SnapshotFrom<typeof progressMachine>;
const CASE = (caseNo: string): CaseProgress => ({
  caseNo,
  kind: 'application',
  itemCode: 'X',
  acceptedAt: '2026-11-28T10:00:00+08:00',
  promisedDate: null,
  provisional: false,
  status: 'submitted',
  timeline: [],
});
const INPUT = { ratingKey: '00000000-0000-4000-8000-0000000000e6' };
const spies = (spy: HostSpy) => ({
  identify: spy.request('identify'),
  caseNoScanner: spy.stream('caseNoScanner'),
  lookUp: spy.request('lookUp'),
  lookUpByCard: spy.request('lookUpByCard'),
  evaluation: spy.request('evaluation'),
});

describe('progress by number', () => {
  const RESIDENT: ProgressEvent[] = [{ type: 'TYPE', caseNo: 'wd0001-20261128-00001-k' }, { type: 'TYPE', caseNo: '12' }, { type: 'SUBMIT' }, { type: 'EDIT' }, { type: 'FINISH' }];
  const ANSWERS = [
    done('lookUp', [CASE('WD0001-20261128-00001-K')]),
    done('lookUp', []),
    failed('lookUp', 'notFound'),
    failed('lookUp', 'invalidArgs'),
    done('evaluation', { invited: true, error: undefined }),
  ];
  const shortest = getShortestPaths(progressMachine, {
    events: offered(RESIDENT, ANSWERS),
    serializeState: (s: Snap) => JSON.stringify([s.value, s.context.caseNo.length > 8, s.context.error ?? null]),
    input: INPUT,
  });

  it('reaches every state; a lookup is made only with a plausible number, upper-cased', () => {
    expect(new Set(shortest.map((p) => p.state.value))).toEqual(new Set(['entering', 'looking', 'shown', 'evaluation', 'done']));
    for (const p of shortest) {
      const { spy, trace } = replay(
        progressMachine,
        spies,
        p.steps.map((s) => s.event),
        INPUT,
      );
      for (const l of spy.startsOf<{ caseNo: string }>('lookUp')) expect(l.input.caseNo).toBe('WD0001-20261128-00001-K');
      // The lookup is rated on 完成 from a shown case: an event of its own (no case number), with the rating key.
      for (const e of spy.startsOf('evaluation')) {
        expect(e.input).toEqual({ idempotencyKey: INPUT.ratingKey });
        expect([trace[e.at]!.event.type, trace[e.at]!.from.value]).toEqual(['FINISH', 'shown']);
      }
    }
  });

  it('a short number is not looked up; nothing found (an empty answer or notFound) returns to entry with notFound; a refused number keeps its code', () => {
    for (const answer of [done('lookUp', []), failed('lookUp', 'notFound')]) {
      const { spy, end } = replay(progressMachine, spies, [{ type: 'TYPE', caseNo: '12' }, { type: 'SUBMIT' }, { type: 'TYPE', caseNo: 'WD0001-20261128-00009-Z' }, { type: 'SUBMIT' }, answer], INPUT);
      expect(spy.startsOf('lookUp').map((s) => s.at)).toEqual([3]);
      expect(end.value).toBe('entering');
      expect(end.context.error).toBe('notFound');
    }
    const refused = replay(progressMachine, spies, [{ type: 'TYPE', caseNo: 'WD0001-2026' }, { type: 'SUBMIT' }, failed('lookUp', 'invalidArgs')], INPUT);
    expect(refused.end.context.error).toBe('invalidArgs');
  });
});

describe('progress by ID card and by scanned QR', () => {
  const RESIDENT: ProgressEvent[] = [
    { type: 'BY_CARD' },
    { type: 'OPEN_CASE', caseNo: 'WD0001-20261128-00002-B' },
    { type: 'OPEN_CASE', caseNo: 'WD0001-20261128-99999-Z' },
    { type: 'SCANNED', caseNo: 'wd0001-20261128-00003-c' },
    { type: 'SCAN_NOT_CASE' },
    { type: 'EDIT' },
  ];
  const ANSWERS = [
    done('identify', { outcome: 'identified', card: CARD }),
    done('identify', { outcome: 'declined' }),
    done('lookUpByCard', [CASE('WD0001-20261128-00001-A'), CASE('WD0001-20261128-00002-B')]),
    done('lookUpByCard', []),
    failed('lookUpByCard', 'notFound'),
    failed('lookUpByCard', 'platformUnavailable'),
    done('lookUp', [CASE('WD0001-20261128-00003-C')]),
  ];
  const serializeState = (s: Snap) => JSON.stringify([s.value, s.context.cases.length, s.context.error ?? null, s.context.result?.caseNo ?? null, s.context.scanNotCase]);
  const paths = getSimplePaths(progressMachine, { events: offered(RESIDENT, ANSWERS), serializeState, input: INPUT });

  it('reaches the case list and a case from it; every by-card lookup follows an identification, every number lookup a scan; the scanner is armed exactly while a number is asked for', () => {
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    for (const s of ['"identifying"', '"lookingByCard"', '"list"', '"shown"', '"looking"']) expect(reached).toContain(s);
    for (const p of paths) {
      const events = p.steps.map((s) => s.event);
      const why = events.map(label).join(' ');
      const { spy, trace, end } = replay(progressMachine, spies, events, INPUT);
      for (const l of spy.startsOf('lookUpByCard')) expect(trace[l.at]!.event, why).toMatchObject({ type: 'xstate.done.actor.identify', output: { outcome: 'identified' } });
      for (const l of spy.startsOf<{ caseNo: string }>('lookUp')) {
        expect(trace[l.at]!.event.type, why).toBe('SCANNED');
        expect(l.input.caseNo, why).toBe(l.input.caseNo.toUpperCase());
      }
      for (const t of trace) expect(t.running.caseNoScanner ?? 0, why).toBe(t.to.matches('entering') ? 1 : 0);
      // A case opened from the list is one of the person's cases, never a foreign number.
      if (end.value === 'shown' && end.context.cases.length)
        expect(
          end.context.cases.map((c) => c.caseNo),
          why,
        ).toContain(end.context.result!.caseNo);
    }
  });

  it('declining consent returns to the number entry without looking anything up; no cases is said plainly', () => {
    const declined = replay(progressMachine, spies, [{ type: 'BY_CARD' }, done('identify', { outcome: 'declined' })], INPUT);
    expect(declined.end.value).toBe('entering');
    expect(declined.spy.startsOf('lookUpByCard')).toEqual([]);
    for (const answer of [done('lookUpByCard', []), failed('lookUpByCard', 'notFound')]) {
      const { end } = replay(progressMachine, spies, [{ type: 'BY_CARD' }, done('identify', { outcome: 'identified', card: CARD }), answer], INPUT);
      expect(end.value).toBe('entering');
      expect(end.context.error).toBe('noCases');
    }
  });

  it('a scanned code that is not a case number is explained and the scanner stays armed; a case number then looks it up', () => {
    let send: (e: ProgressEvent) => void = () => undefined;
    const { actor, spy } = replay(progressMachine, (s) => ({ ...spies(s), caseNoScanner: s.stream('caseNoScanner', (sendBack) => (send = sendBack)) }), [], INPUT);
    send({ type: 'SCAN_NOT_CASE' });
    expect(actor.getSnapshot().context.scanNotCase).toBe(true);
    expect(spy.running('caseNoScanner')).toBe(1);
    send({ type: 'SCANNED', caseNo: 'wd0001-20261128-00003-c' });
    expect(actor.getSnapshot().value).toBe('looking');
    expect(actor.getSnapshot().context.scanNotCase).toBe(false);
    expect(spy.running('caseNoScanner')).toBe(0);
    expect(spy.startsOf('lookUp')[0]!.input).toEqual({ caseNo: 'WD0001-20261128-00003-C' });
  });
});
