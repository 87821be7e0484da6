import { fromPromise } from 'xstate';
import type { DaemonLink } from '../client/daemon-client';
import { callStaffMachine } from '../../../state-machines/flows/call-staff-machine';

/** 呼叫工作人员 with its request sent through the daemon's outbox. */
export function provideCallStaff(client: DaemonLink) {
  return callStaffMachine.provide({
    actors: {
      submitCall: fromPromise(({ input }) => client.call('submission.submit', { kind: 'callStaff', idempotencyKey: input.idempotencyKey, payload: { reason: input.reason } })),
    },
  });
}
