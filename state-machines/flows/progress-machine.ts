import { assign, raise, setup } from 'xstate';
import type { CaseProgress } from '../../contract/api/submission';
import type { CardSummary } from '../../contract/api/card';
import { identifyMachine, type IdentifyOutput } from './identify-machine';

/**
 * 办件查询: by case number typed on the terminal's keyboard (or scanned from
 * the receipt's QR: SCANNED), or by ID card (every case of the person). Pure:
 * `lookUp` / `lookUpByCard` are injected and answer FOUND / FOUND_MANY /
 * NOT_FOUND / LOOKUP_FAILED (a malformed number comes back as LOOKUP_FAILED
 * with invalidArgs and the daemon's precise message). Identification is the
 * shared identify child; its outcome is raised as IDENTIFIED / IDENTIFY_DECLINED.
 */
export interface ProgressContext {
  caseNo: string;
  error: string | undefined;
  result: CaseProgress | undefined;
  /** Lookup by card: every case of the identified person, oldest first. */
  cases: CaseProgress[];
  card: CardSummary | undefined;
}

export type ProgressEvent =
  | { type: 'TYPE'; caseNo: string }
  | { type: 'SUBMIT' }
  | { type: 'SCANNED'; caseNo: string }
  | { type: 'BY_CARD' }
  | { type: 'IDENTIFIED'; card: CardSummary }
  | { type: 'IDENTIFY_DECLINED' }
  | { type: 'FOUND'; result: CaseProgress }
  | { type: 'FOUND_MANY'; cases: CaseProgress[] }
  | { type: 'OPEN_CASE'; caseNo: string }
  | { type: 'NOT_FOUND' }
  | { type: 'LOOKUP_FAILED'; code: string }
  | { type: 'EDIT' };

export const progressMachine = setup({
  types: {} as { context: ProgressContext; events: ProgressEvent },
  actors: { identify: identifyMachine },
  actions: {
    lookUp: (_, _params: { caseNo: string }) => {},
    lookUpByCard: () => {},
  },
  guards: { hasNumber: ({ context }) => context.caseNo.replace(/[\s-]/g, '').length >= 8 },
}).createMachine({
  id: 'progress',
  context: { caseNo: '', error: undefined, result: undefined, cases: [], card: undefined },
  initial: 'entering',
  states: {
    entering: {
      on: {
        TYPE: { actions: assign({ caseNo: ({ event }) => event.caseNo.toUpperCase().slice(0, 40), error: undefined }) },
        SUBMIT: { guard: 'hasNumber', target: 'looking' },
        SCANNED: { target: 'looking', actions: assign({ caseNo: ({ event }) => event.caseNo.toUpperCase().slice(0, 40), error: undefined }) },
        BY_CARD: { target: 'identifying', actions: assign({ error: undefined }) },
      },
    },
    looking: {
      entry: { type: 'lookUp', params: ({ context }) => ({ caseNo: context.caseNo }) },
      on: {
        FOUND: { target: 'shown', actions: assign({ result: ({ event }) => event.result }) },
        NOT_FOUND: { target: 'entering', actions: assign({ error: 'notFound' }) },
        LOOKUP_FAILED: { target: 'entering', actions: assign({ error: ({ event }) => event.code }) },
      },
    },
    identifying: {
      invoke: {
        id: 'identify',
        src: 'identify',
        input: { consent: 'progress' },
        onDone: {
          actions: raise(({ event }) => {
            const out = event.output as IdentifyOutput;
            return out.outcome === 'identified' ? { type: 'IDENTIFIED' as const, card: out.card } : { type: 'IDENTIFY_DECLINED' as const };
          }),
        },
      },
      on: {
        IDENTIFIED: { target: 'lookingByCard', actions: assign({ card: ({ event }) => event.card }) },
        IDENTIFY_DECLINED: 'entering',
        EDIT: 'entering',
      },
    },
    lookingByCard: {
      entry: 'lookUpByCard',
      on: {
        FOUND_MANY: { target: 'list', actions: assign({ cases: ({ event }) => event.cases }) },
        NOT_FOUND: { target: 'entering', actions: assign({ error: 'noCases' }) },
        LOOKUP_FAILED: { target: 'entering', actions: assign({ error: ({ event }) => event.code }) },
      },
    },
    list: {
      on: {
        OPEN_CASE: {
          guard: ({ context, event }) => context.cases.some((c) => c.caseNo === event.caseNo),
          target: 'shown',
          actions: assign({ result: ({ context, event }) => context.cases.find((c) => c.caseNo === event.caseNo) }),
        },
        EDIT: { target: 'entering', actions: assign({ caseNo: '', error: undefined, result: undefined, cases: [] }) },
      },
    },
    shown: {
      on: {
        EDIT: [
          { guard: ({ context }) => context.cases.length > 0, target: 'list' },
          { target: 'entering', actions: assign({ caseNo: '', error: undefined, result: undefined }) },
        ],
      },
    },
  },
});
