import { assign, setup } from 'xstate';
import { hostStream } from '../host-effects';
import type { ScanEvent } from './progress-machine';
import { serviceEvaluationMachine } from './service-evaluation-machine';

/**
 * 我要评价 from the home screen: the rating of a past case, named by its
 * case number typed on the keypad or scanned from the receipt's QR
 * (`caseNoScanner`, armed only while the number is asked for). The rating
 * itself is the service-evaluation child with that case number: the daemon
 * checks the number (a malformed one comes back here with the error) and
 * refuses a case already rated, which the child says plainly.
 */
export interface EvaluationInput {
  /** A fresh idempotency key for the rating (UI-generated UUID). */
  idempotencyKey: string;
}

export interface EvaluationContext {
  idempotencyKey: string;
  caseNo: string;
  error: string | undefined;
  scanNotCase: boolean;
}

export type EvaluationEvent = { type: 'TYPE_CASE'; caseNo: string } | { type: 'SUBMIT' } | ScanEvent;

const upper = (caseNo: string) => caseNo.toUpperCase().slice(0, 40);

export const evaluationMachine = setup({
  types: {} as { context: EvaluationContext; events: EvaluationEvent; input: EvaluationInput; children: { caseNoScanner: 'caseNoScanner'; evaluation: 'evaluation' } },
  actors: {
    /** Sends SCANNED / SCAN_NOT_CASE for each code scanned while it runs. */
    caseNoScanner: hostStream(),
    evaluation: serviceEvaluationMachine,
  },
  guards: { hasNumber: ({ context }) => context.caseNo.replace(/[\s-]/g, '').length >= 8 },
}).createMachine({
  id: 'evaluation',
  context: ({ input }) => ({ idempotencyKey: input.idempotencyKey, caseNo: '', error: undefined, scanNotCase: false }),
  initial: 'entering',
  states: {
    entering: {
      invoke: { id: 'caseNoScanner', src: 'caseNoScanner' },
      on: {
        TYPE_CASE: { actions: assign({ caseNo: ({ event }) => upper(event.caseNo), error: undefined }) },
        SUBMIT: { guard: 'hasNumber', target: 'rating' },
        SCANNED: { target: 'rating', actions: assign({ caseNo: ({ event }) => upper(event.caseNo), error: undefined, scanNotCase: false }) },
        SCAN_NOT_CASE: { actions: assign({ scanNotCase: true }) },
      },
    },
    rating: {
      invoke: {
        id: 'evaluation',
        src: 'evaluation',
        input: ({ context }) => ({ idempotencyKey: context.idempotencyKey, caseNo: context.caseNo }),
        onDone: [
          // The invitation was refused (a malformed number, the daemon away): the number is asked again with the reason.
          { guard: ({ event }) => event.output.invited === false, target: 'entering', actions: assign({ error: ({ event }) => event.output.error ?? 'internalError' }) },
          { target: 'done' },
        ],
      },
    },
    done: { type: 'final' },
  },
});
