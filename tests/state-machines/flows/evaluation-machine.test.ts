import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { type EvaluationEvent, evaluationMachine } from '../../../state-machines/flows/evaluation-machine';
import { done, label, offered, replay, type Answer, type HostSpy } from '../machine-walk';

// 我要评价 walked as a graph: the number typed or scanned, then the
// service-evaluation child (answered here by its output). The child is
// started only with a complete number, always with that number and the
// input's key; a refused invitation comes back to the number.
const KEY = '00000000-0000-4000-8000-0000000000e1';
const CASE = 'WD0001-20261128-00001-K';
type Event = EvaluationEvent | Answer;
type Snap = SnapshotFrom<typeof evaluationMachine>;

const RESIDENT: EvaluationEvent[] = [
  { type: 'TYPE_CASE', caseNo: 'wd0001' },
  { type: 'TYPE_CASE', caseNo: CASE.toLowerCase() },
  { type: 'SUBMIT' },
  { type: 'SCANNED', caseNo: CASE },
  { type: 'SCAN_NOT_CASE' },
];
const ANSWERS: Answer[] = [done('evaluation', { invited: true, error: undefined }), done('evaluation', { invited: false, error: 'invalidArgs' })];
const serializeState = (s: Snap) => JSON.stringify([s.value, s.context.caseNo, s.context.error ?? null, s.context.scanNotCase]);
const spies = (spy: HostSpy) => ({ caseNoScanner: spy.stream('caseNoScanner'), evaluation: spy.request('evaluation') });
const input = { idempotencyKey: KEY };

describe('我要评价 graph', () => {
  const paths = getShortestPaths(evaluationMachine, { events: offered(RESIDENT, ANSWERS), serializeState, input });

  it('reaches the number, the rating and the end; a refused invitation asks the number again', () => {
    const reached = new Set(paths.map((p) => serializeState(p.state)));
    expect(reached).toContain(JSON.stringify(['entering', CASE, 'invalidArgs', false]));
    expect(paths.some((p) => p.state.value === 'rating')).toBe(true);
    expect(paths.some((p) => p.state.status === 'done')).toBe(true);
  });

  it('on every path: the rating starts only with a complete number, with that number and the key; the scanner runs only while the number is asked', () => {
    for (const path of paths) {
      const evs = path.steps.map((s) => s.event as Event);
      const why = evs.map(label).join(' ');
      const { spy, trace } = replay(evaluationMachine, spies, evs, input);
      for (const s of spy.startsOf<{ idempotencyKey: string; caseNo: string }>('evaluation')) {
        expect(s.input, why).toEqual({ idempotencyKey: KEY, caseNo: CASE });
        expect(['SUBMIT', 'SCANNED'], why).toContain(trace[s.at]!.event.type);
      }
      for (const step of trace) expect(step.running.caseNoScanner ?? 0, why).toBe(step.to.matches('entering') ? 1 : 0);
    }
  });
});
