import { assign, setup } from 'xstate';
import { failureCode, hostRequest } from '../host-effects';

/**
 * 呼叫工作人员: choose why, send the request through the outbox (the daemon
 * records it and notifies staff with a `staff.called` event), then say what
 * happens next. `submitCall` is the host's submission.submit, invoked while
 * `sending`; a retry re-sends with the same idempotency key, so a request
 * is never recorded twice.
 */
export type CallReason = 'help' | 'accessibility' | 'deviceFault' | 'identityProblem' | 'other';

export interface CallStaffInput {
  idempotencyKey: string;
}

export interface CallStaffContext {
  reason: CallReason | undefined;
  idempotencyKey: string;
  caseNo: string | undefined;
  error: string | undefined;
}

export type CallStaffEvent = { type: 'CHOOSE'; reason: CallReason } | { type: 'RETRY' };

export interface CallStaffRequest {
  reason: CallReason;
  idempotencyKey: string;
}

export const callStaffMachine = setup({
  types: {} as { context: CallStaffContext; events: CallStaffEvent; input: CallStaffInput },
  actors: { submitCall: hostRequest<{ caseNo: string }, CallStaffRequest>('submitCall') },
}).createMachine({
  id: 'callStaff',
  context: ({ input }) => ({ reason: undefined, idempotencyKey: input.idempotencyKey, caseNo: undefined, error: undefined }),
  initial: 'choosing',
  states: {
    choosing: {
      on: { CHOOSE: { target: 'sending', actions: assign({ reason: ({ event }) => event.reason }) } },
    },
    sending: {
      invoke: {
        id: 'submitCall',
        src: 'submitCall',
        input: ({ context }) => ({ reason: context.reason!, idempotencyKey: context.idempotencyKey }),
        onDone: { target: 'called', actions: assign({ caseNo: ({ event }) => event.output.caseNo, error: undefined }) },
        onError: { target: 'failed', actions: assign({ error: failureCode }) },
      },
    },
    failed: { on: { RETRY: 'sending' } },
    called: { type: 'final' },
  },
});
