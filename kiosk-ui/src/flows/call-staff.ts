import { fromPromise } from 'xstate';
import type { DaemonLink } from '../client/daemon-client';
import { callStaffMachine } from '../../../state-machines/flows/call-staff-machine';

/** 呼叫工作人员: the duty hours asked of the daemon, the request sent through its outbox, a cancel told to staff. */
export function provideCallStaff(client: DaemonLink) {
  return callStaffMachine.provide({
    actors: {
      dutyStatus: fromPromise(() => client.call('callStaff.duty', {})),
      submitCall: fromPromise(({ input }) => client.call('submission.submit', { kind: 'callStaff', idempotencyKey: input.idempotencyKey, payload: { reason: input.reason } })),
      cancelCall: fromPromise(async ({ input }) => {
        await client.call('callStaff.cancel', { caseNo: input.caseNo });
      }),
    },
  });
}
