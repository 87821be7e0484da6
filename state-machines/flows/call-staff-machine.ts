import { assign, setup } from 'xstate';

/**
 * 呼叫工作人员: choose why, send the request through the outbox (the daemon
 * records it and notifies staff with a `staff.called` event), then say what
 * happens next. Pure: `submitCall` is injected and answers with CALL_SENT or
 * CALL_FAILED; a retry re-sends with the same idempotency key, so a request
 * is never recorded twice.
 */
export type CallReason = 'help' | 'accessibility' | 'deviceFault' | 'identityProblem' | 'other';

export interface CallStaffContext {
  reason: CallReason | undefined;
  idempotencyKey: string;
  caseNo: string | undefined;
  error: string | undefined;
}

export type CallStaffEvent =
  | { type: 'CHOOSE'; reason: CallReason }
  | { type: 'CALL_SENT'; caseNo: string }
  | { type: 'CALL_FAILED'; code: string }
  | { type: 'RETRY' }
  | { type: 'BACK' };

export const callStaffMachine = setup({
  types: {} as { context: CallStaffContext; events: CallStaffEvent; input: { idempotencyKey: string } },
  actions: {
    submitCall: (_, _params: { reason: CallReason; idempotencyKey: string }) => {},
  },
}).createMachine({
  id: 'callStaff',
  context: ({ input }) => ({ reason: undefined, idempotencyKey: input.idempotencyKey, caseNo: undefined, error: undefined }),
  initial: 'choosing',
  states: {
    choosing: {
      on: { CHOOSE: { target: 'sending', actions: assign({ reason: ({ event }) => event.reason }) } },
    },
    sending: {
      entry: { type: 'submitCall', params: ({ context }) => ({ reason: context.reason!, idempotencyKey: context.idempotencyKey }) },
      on: {
        CALL_SENT: { target: 'called', actions: assign({ caseNo: ({ event }) => event.caseNo, error: undefined }) },
        CALL_FAILED: { target: 'failed', actions: assign({ error: ({ event }) => event.code }) },
      },
    },
    failed: { on: { RETRY: 'sending' } },
    called: { type: 'final' },
  },
});
