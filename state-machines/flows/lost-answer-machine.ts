import { assign, setup } from 'xstate';
import type { z } from 'zod';
import type { SubmitResult } from '../../contract/api/submission';
import { codeOf, failureCode, hostRequest } from '../host-effects';
import { callStaffMachine } from './call-staff-machine';

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
 *
 * Whatever the answer, the resident can call staff from it (CALL_STAFF, the
 * 呼叫工作人员 flow as a child, `callStaff`); closing the call, or leaving it
 * alone for the linger, comes back to the answer as it was (a printed receipt
 * is not printed again) and its linger starts again. Not while the daemon is
 * being asked or a receipt prints: both end by themselves.
 */
export interface LostAnswerInput {
  idempotencyKey: string;
}

export interface LostAnswerContext extends LostAnswerInput {
  accepted: SubmitAnswer | undefined;
  error: string | undefined;
  printError: string | undefined;
  /** The key of a call to staff made from this screen. */
  callKey: string | undefined;
}

export type LostAnswerEvent =
  | { type: 'RETRY' }
  | { type: 'PRINT' }
  | { type: 'FINISH' }
  /** The key the call is sent with, minted by the screen at the tap (a retry within the call re-sends it). */
  | { type: 'CALL_STAFF'; idempotencyKey: string }
  | { type: 'CLOSE_CALL' };

/** Back from a call to the answer it was made from, without asking or printing again. */
const backToAnswer = [
  { guard: 'printHadFailed' as const, target: '#lostAnswer.accepted.printFailed' },
  { guard: 'wasAccepted' as const, target: '#lostAnswer.accepted.printed' },
  { guard: 'askHadFailed' as const, target: '#lostAnswer.askFailed' },
  { target: '#lostAnswer.notAccepted' },
];

export const lostAnswerMachine = setup({
  types: {} as {
    context: LostAnswerContext;
    events: LostAnswerEvent;
    input: LostAnswerInput;
    children: { outcome: 'outcome'; printReceipt: 'printReceipt'; callStaff: 'callStaff' };
  },
  actors: {
    outcome: hostRequest<SubmitAnswer, { idempotencyKey: string }>('outcome'),
    printReceipt: hostRequest<void, { caseNo: string }>('printReceipt'),
    /** The host provides it with its commands on the link it asks by (provideCallStaff). */
    callStaff: callStaffMachine,
  },
  actions: {
    rememberCall: assign({ callKey: ({ event }) => (event.type === 'CALL_STAFF' ? event.idempotencyKey : undefined) }),
  },
  guards: {
    wasAccepted: ({ context }) => context.accepted !== undefined,
    printHadFailed: ({ context }) => context.accepted !== undefined && context.printError !== undefined,
    askHadFailed: ({ context }) => context.accepted === undefined && context.error !== undefined,
  },
  delays: {
    /** Nobody tapped Done: the screen clears itself (the case number is not left up for the next person). */
    linger: 90_000,
  },
}).createMachine({
  id: 'lostAnswer',
  context: ({ input }) => ({ ...input, accepted: undefined, error: undefined, printError: undefined, callKey: undefined }),
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
    askFailed: { on: { RETRY: 'asking', FINISH: 'done', CALL_STAFF: { target: '#lostAnswer.callingStaff', actions: 'rememberCall' } }, after: { linger: 'done' } },
    notAccepted: { on: { FINISH: 'done', CALL_STAFF: { target: '#lostAnswer.callingStaff', actions: 'rememberCall' } }, after: { linger: 'done' } },
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
        printFailed: { on: { PRINT: 'printing', CALL_STAFF: { target: '#lostAnswer.callingStaff', actions: 'rememberCall' } } },
        printed: { on: { CALL_STAFF: { target: '#lostAnswer.callingStaff', actions: 'rememberCall' } } },
      },
      on: { FINISH: 'done' },
      after: { linger: 'done' },
    },
    callingStaff: {
      invoke: { id: 'callStaff', src: 'callStaff', input: ({ context }) => ({ idempotencyKey: context.callKey! }) },
      on: { CLOSE_CALL: backToAnswer, FINISH: 'done' },
      after: { linger: backToAnswer },
    },
    done: { type: 'final' },
  },
});
