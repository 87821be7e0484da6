import { assign, setup } from 'xstate';
import type { CaseProgress } from '../../contract/api/submission';
import type { CardSummary } from '../../contract/api/card';
import { codeOf, failureCode, hostRequest, hostStream } from '../host-effects';
import { identifiedCard, identifyMachine } from './identify-machine';
import { serviceEvaluationMachine } from './service-evaluation-machine';

/**
 * 办件查询: by case number typed on the terminal's keyboard (or scanned from
 * the receipt's QR), or by ID card (every case of the person). The host's
 * effects are invoked by the states that need them: the scanner is armed for
 * a case number only while the number is being entered (`caseNoScanner`, a
 * stream of SCANNED / SCAN_NOT_CASE), `lookUp` / `lookUpByCard` are
 * case.progress (a malformed number fails with invalidArgs and the daemon's
 * precise message). Identification is the shared identify child. 完成 on
 * a shown case asks the 好差评 of the lookup (`evaluation`): an event of its
 * own at this terminal, not the case's (the case is rated for its handling).
 */
export interface ProgressInput {
  /** A fresh idempotency key for the rating of this lookup (UI-generated UUID). */
  ratingKey: string;
}

export interface ProgressContext {
  ratingKey: string;
  caseNo: string;
  error: string | undefined;
  result: CaseProgress | undefined;
  /** Lookup by card: every case of the identified person, oldest first. */
  cases: CaseProgress[];
  card: CardSummary | undefined;
  /** The last code scanned here was not a case number of this terminal. */
  scanNotCase: boolean;
}

export type ScanEvent = { type: 'SCANNED'; caseNo: string } | { type: 'SCAN_NOT_CASE' };

export type ProgressEvent = { type: 'TYPE'; caseNo: string } | { type: 'SUBMIT' } | ScanEvent | { type: 'BY_CARD' } | { type: 'OPEN_CASE'; caseNo: string } | { type: 'EDIT' } | { type: 'FINISH' };

const upper = (caseNo: string) => caseNo.toUpperCase().slice(0, 40);

export const progressMachine = setup({
  types: {} as {
    context: ProgressContext;
    events: ProgressEvent;
    input: ProgressInput;
    children: { identify: 'identify'; caseNoScanner: 'caseNoScanner'; lookUp: 'lookUp'; lookUpByCard: 'lookUpByCard'; evaluation: 'evaluation' };
  },
  actors: {
    identify: identifyMachine,
    /** Sends SCANNED / SCAN_NOT_CASE for each code scanned while it runs. */
    caseNoScanner: hostStream(),
    lookUp: hostRequest<CaseProgress[], { caseNo: string }>('lookUp'),
    lookUpByCard: hostRequest<CaseProgress[]>('lookUpByCard'),
    evaluation: serviceEvaluationMachine,
  },
  guards: { hasNumber: ({ context }) => context.caseNo.replace(/[\s-]/g, '').length >= 8 },
}).createMachine({
  id: 'progress',
  context: ({ input }) => ({ ratingKey: input.ratingKey, caseNo: '', error: undefined, result: undefined, cases: [], card: undefined, scanNotCase: false }),
  initial: 'entering',
  states: {
    entering: {
      invoke: { id: 'caseNoScanner', src: 'caseNoScanner' },
      on: {
        TYPE: { actions: assign({ caseNo: ({ event }) => upper(event.caseNo), error: undefined }) },
        SUBMIT: { guard: 'hasNumber', target: 'looking' },
        SCANNED: { target: 'looking', actions: assign({ caseNo: ({ event }) => upper(event.caseNo), error: undefined, scanNotCase: false }) },
        SCAN_NOT_CASE: { actions: assign({ scanNotCase: true }) },
        BY_CARD: { target: 'identifying', actions: assign({ error: undefined }) },
      },
    },
    looking: {
      invoke: {
        id: 'lookUp',
        src: 'lookUp',
        input: ({ context }) => ({ caseNo: context.caseNo }),
        onDone: [
          { guard: ({ event }) => event.output.length > 0, target: 'shown', actions: assign({ result: ({ event }) => event.output[0] }) },
          { target: 'entering', actions: assign({ error: 'notFound' }) },
        ],
        onError: { target: 'entering', actions: assign({ error: failureCode }) },
      },
    },
    identifying: {
      invoke: {
        id: 'identify',
        src: 'identify',
        input: { consent: 'progress' },
        onDone: [
          { guard: ({ event }) => identifiedCard(event.output) !== undefined, target: 'lookingByCard', actions: assign({ card: ({ event }) => identifiedCard(event.output) }) },
          { target: 'entering' },
        ],
      },
      on: { EDIT: 'entering' },
    },
    lookingByCard: {
      invoke: {
        id: 'lookUpByCard',
        src: 'lookUpByCard',
        onDone: [
          { guard: ({ event }) => event.output.length > 0, target: 'list', actions: assign({ cases: ({ event }) => event.output }) },
          { target: 'entering', actions: assign({ error: 'noCases' }) },
        ],
        onError: [
          { guard: ({ event }) => codeOf(event.error) === 'notFound', target: 'entering', actions: assign({ error: 'noCases' }) },
          { target: 'entering', actions: assign({ error: failureCode }) },
        ],
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
        FINISH: 'evaluation',
      },
    },
    evaluation: {
      invoke: { id: 'evaluation', src: 'evaluation', input: ({ context }) => ({ idempotencyKey: context.ratingKey }), onDone: 'done' },
    },
    done: { type: 'final' },
  },
});
