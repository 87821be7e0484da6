import { assign, setup } from 'xstate';
import { failureCode, hostRequest } from '../host-effects';
import { contentRefused } from './submit-failure';

/**
 * 好差评 at the terminal (一次一评): five fixed levels; after 不满意 or
 * 非常不满意 the resident says why (multi-select); an optional case number
 * ties it to a case; anonymous unless the resident identified in this
 * session (the daemon decides). `submit` is the host's submission.submit,
 * invoked while `submitting`: a rating is sent only on SUBMIT from the last
 * screen or on RETRY, always with the input's key; after a failure whose
 * outcome is unknown only a RETRY of the same content is offered, changing
 * the answers only when the daemon refused the content (submit-failure.ts).
 */
export interface EvaluationInput {
  idempotencyKey: string;
}

export interface EvaluationContext {
  idempotencyKey: string;
  level: number | undefined;
  reasons: string[];
  caseNo: string;
  error: string | undefined;
}

export type EvaluationEvent =
  | { type: 'RATE'; level: number }
  | { type: 'TOGGLE_REASON'; code: string }
  | { type: 'TYPE_CASE'; caseNo: string }
  | { type: 'NEXT' }
  | { type: 'PREV' }
  | { type: 'SUBMIT' }
  | { type: 'RETRY' }
  | { type: 'FINISH' };

export interface EvaluationSubmit {
  idempotencyKey: string;
  level: number;
  reasons: string[];
  caseNo: string | undefined;
}

/** 不满意 and 非常不满意 are 差评: the reasons are asked (GB/T 39734 差评分类). */
export const isPoor = (level: number | undefined) => level !== undefined && level <= 2;

export const evaluationMachine = setup({
  types: {} as { context: EvaluationContext; events: EvaluationEvent; input: EvaluationInput },
  actors: { submit: hostRequest<void, EvaluationSubmit>('submit') },
  guards: {
    poor: ({ context }) => isPoor(context.level),
    hasReason: ({ context }) => context.reasons.length > 0,
    editable: ({ context }) => contentRefused(context.error),
  },
}).createMachine({
  id: 'evaluation',
  context: ({ input }) => ({ idempotencyKey: input.idempotencyKey, level: undefined, reasons: [], caseNo: '', error: undefined }),
  initial: 'rating',
  states: {
    rating: {
      on: {
        RATE: {
          guard: ({ event }) => Number.isInteger(event.level) && event.level >= 1 && event.level <= 5,
          target: 'afterRating',
          // Reasons only belong to a poor rating.
          actions: assign({ level: ({ event }) => event.level, reasons: ({ context, event }) => (isPoor(event.level) ? context.reasons : []) }),
        },
      },
    },
    afterRating: { always: [{ guard: 'poor', target: 'reasons' }, { target: 'details' }] },
    reasons: {
      on: {
        TOGGLE_REASON: {
          actions: assign({
            reasons: ({ context, event }) => (context.reasons.includes(event.code) ? context.reasons.filter((r) => r !== event.code) : [...context.reasons, event.code]),
          }),
        },
        NEXT: { guard: 'hasReason', target: 'details' },
        PREV: 'rating',
      },
    },
    details: {
      on: {
        TYPE_CASE: { actions: assign({ caseNo: ({ event }) => event.caseNo.toUpperCase().slice(0, 40) }) },
        SUBMIT: 'submitting',
        PREV: [{ guard: 'poor', target: 'reasons' }, { target: 'rating' }],
      },
    },
    submitting: {
      invoke: {
        id: 'submit',
        src: 'submit',
        input: ({ context }) => ({ idempotencyKey: context.idempotencyKey, level: context.level!, reasons: context.reasons, caseNo: context.caseNo || undefined }),
        onDone: { target: 'thanks', actions: assign({ error: undefined }) },
        onError: { target: 'failed', actions: assign({ error: failureCode }) },
      },
    },
    failed: { on: { RETRY: 'submitting', PREV: { guard: 'editable', target: 'details' } } },
    thanks: { on: { FINISH: 'done' } },
    done: { type: 'final' },
  },
});
