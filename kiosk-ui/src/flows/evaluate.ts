import { fromPromise } from 'xstate';
import type { DaemonLink } from '../client/daemon-client';
import { evaluationMachine } from '../../../state-machines/flows/evaluation-machine';

/** Why a 差评: the terminal's own codes (contract/api/evaluation.ts), mapped to the provincial list at the platform boundary. */
export { POOR_REASONS } from '../../../contract/api/evaluation';

/** 好差评 with the rating sent through the daemon's outbox (anonymous unless the daemon knows the resident). */
export function provideEvaluate(client: DaemonLink) {
  return evaluationMachine.provide({
    actors: {
      submit: fromPromise(async ({ input }) => {
        const { idempotencyKey, level, reasons, caseNo } = input;
        await client.call('submission.submit', { kind: 'evaluation', idempotencyKey, payload: { level, reasons, anonymous: true, ...(caseNo ? { caseNo } : {}) } }, { timeoutMs: 20_000 });
      }),
    },
  });
}
