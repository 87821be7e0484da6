import { assign, setup } from 'xstate';
import type { StaffDutyStatus } from '../../contract/api/call-staff';
import { failureCode, hostRequest } from '../host-effects';

/**
 * 呼叫工作人员: first whether anyone is on duty (`dutyStatus`, the daemon's
 * duty hours and holiday calendar): off duty, the screen says when staff are
 * there and gives the hotline instead of a call nobody would answer; a duty
 * status that cannot be learnt lets the call go ahead (the daemon records it
 * either way). Then choose why, send the request through the outbox (the
 * daemon records it and notifies staff with a `staff.called` event), say what
 * happens next, and let the resident cancel it (`cancelCall`). `submitCall` is
 * the host's submission.submit, invoked while `sending`; a retry re-sends with
 * the same idempotency key, so a request is never recorded twice.
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
  duty: StaffDutyStatus | undefined;
}

export type CallStaffEvent = { type: 'CHOOSE'; reason: CallReason } | { type: 'RETRY' } | { type: 'CANCEL' };

export interface CallStaffRequest {
  reason: CallReason;
  idempotencyKey: string;
}

export const callStaffMachine = setup({
  types: {} as { context: CallStaffContext; events: CallStaffEvent; input: CallStaffInput },
  actors: {
    dutyStatus: hostRequest<StaffDutyStatus>('dutyStatus'),
    submitCall: hostRequest<{ caseNo: string }, CallStaffRequest>('submitCall'),
    cancelCall: hostRequest<void, { caseNo: string }>('cancelCall'),
  },
}).createMachine({
  id: 'callStaff',
  context: ({ input }) => ({ reason: undefined, idempotencyKey: input.idempotencyKey, caseNo: undefined, error: undefined, duty: undefined }),
  initial: 'checkingDuty',
  states: {
    checkingDuty: {
      invoke: {
        id: 'dutyStatus',
        src: 'dutyStatus',
        onDone: [
          { guard: ({ event }) => event.output.onDuty !== false, target: 'choosing', actions: assign({ duty: ({ event }) => event.output }) },
          { target: 'offDuty', actions: assign({ duty: ({ event }) => event.output }) },
        ],
        onError: 'choosing',
      },
    },
    /** Nobody to come: when staff are there, and the hotline. */
    offDuty: {},
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
    called: { on: { CANCEL: 'cancelling' } },
    /** A cancel that fails leaves the call standing, with the reason on screen to try again. */
    cancelling: {
      invoke: {
        id: 'cancelCall',
        src: 'cancelCall',
        input: ({ context }) => ({ caseNo: context.caseNo! }),
        onDone: { target: 'cancelled', actions: assign({ error: undefined }) },
        onError: { target: 'called', actions: assign({ error: failureCode }) },
      },
    },
    cancelled: { type: 'final' },
  },
});
