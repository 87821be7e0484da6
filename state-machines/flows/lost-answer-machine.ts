import { assign, setup } from 'xstate';
import type { z } from 'zod';
import type { SubmitResult } from '../../contract/api/submission';
import { codeOf, failureCode, hostRequest } from '../host-effects';

type SubmitAnswer = z.infer<typeof SubmitResult>;

/**
 * The answer of an application or complaint that a daemon crash took (the daemon went down
 * between its commit and its answer). The page kept the submission's key in
 * memory and asks the restarted daemon what became of it (submission.outcome),
 * before the page starts over at attract: accepted — the case number is shown
 * and the receipt printed (the daemon marks it 补打 if a copy may already
 * have come out); not accepted — the screen says so, and the resident starts
 * again. Nothing of the resident's session comes back: no card, no answers,
 * only the case the key names. FINISH ends it; the host then starts over.
 */
export interface LostAnswerInput {
  idempotencyKey: string;
}

export interface LostAnswerContext extends LostAnswerInput {
  accepted: SubmitAnswer | undefined;
  error: string | undefined;
  printError: string | undefined;
}

export type LostAnswerEvent = { type: 'RETRY' } | { type: 'PRINT' } | { type: 'FINISH' };

export const lostAnswerMachine = setup({
  types: {} as {
    context: LostAnswerContext;
    events: LostAnswerEvent;
    input: LostAnswerInput;
    children: { outcome: 'outcome'; printReceipt: 'printReceipt' };
  },
  actors: {
    outcome: hostRequest<SubmitAnswer, { idempotencyKey: string }>('outcome'),
    printReceipt: hostRequest<void, { caseNo: string }>('printReceipt'),
  },
  delays: {
    /** Nobody tapped Done: the screen clears itself (the case number is not left up for the next person). */
    linger: 90_000,
  },
}).createMachine({
  id: 'lostAnswer',
  context: ({ input }) => ({ ...input, accepted: undefined, error: undefined, printError: undefined }),
  initial: 'asking',
  states: {
    asking: {
      invoke: {
        id: 'outcome',
        src: 'outcome',
        input: ({ context }) => ({ idempotencyKey: context.idempotencyKey }),
        onDone: { target: 'accepted', actions: assign({ accepted: ({ event }) => event.output, error: undefined }) },
        onError: [
          // Nothing was committed with the key: nothing was accepted.
          { guard: ({ event }) => codeOf(event.error) === 'notFound', target: 'notAccepted' },
          { target: 'askFailed', actions: assign({ error: failureCode }) },
        ],
      },
    },
    /** The daemon could not be asked yet (still starting, store trouble): asking again is harmless. */
    askFailed: { on: { RETRY: 'asking', FINISH: 'done' }, after: { linger: 'done' } },
    notAccepted: { on: { FINISH: 'done' }, after: { linger: 'done' } },
    accepted: {
      initial: 'printing',
      states: {
        printing: {
          invoke: {
            id: 'printReceipt',
            src: 'printReceipt',
            input: ({ context }) => ({ caseNo: context.accepted!.caseNo }),
            onDone: { target: 'printed', actions: assign({ printError: undefined }) },
            onError: { target: 'printFailed', actions: assign({ printError: failureCode }) },
          },
        },
        /** The number stays on screen to photograph; a reprint once the printer is back. */
        printFailed: { on: { PRINT: 'printing' } },
        printed: {},
      },
      on: { FINISH: 'done' },
      after: { linger: 'done' },
    },
    done: { type: 'final' },
  },
});
