import { fromCallback, fromPromise } from 'xstate';
import type { DaemonLink } from '../client/daemon-client';
import { evaluationMachine } from '../../../state-machines/flows/evaluation-machine';
import { serviceEvaluationMachine } from '../../../state-machines/flows/service-evaluation-machine';
import { caseNoScanner } from './case-no-scanner';
import type { POOR_REASONS } from '../../../contract/api/evaluation';

/** Why a 差评: the terminal's own codes (contract/api/evaluation.ts), mapped to the provincial list at the platform boundary. */
export { POOR_REASONS } from '../../../contract/api/evaluation';

/**
 * 好差评 of a service event through the daemon's evaluation capability:
 * the invitation (which also shows the QR on the evaluation device), the one
 * rating of the event, the dismissal; a press on the device and a rating
 * stored by another channel come in as events of the event invited.
 */
export function provideServiceEvaluation(client: DaemonLink) {
  return serviceEvaluationMachine.provide({
    actors: {
      invite: fromPromise(({ input }) => client.call('evaluation.invite', input, { timeoutMs: 20_000 })),
      rate: fromPromise(async ({ input }) => {
        const { callbackPhone, reasons, ...rest } = input;
        // The machine offers only POOR_REASONS; the daemon checks them again.
        const codes = reasons as (typeof POOR_REASONS)[number][];
        await client.call('evaluation.rate', { ...rest, reasons: codes, ...(callbackPhone ? { callbackPhone } : {}) }, { timeoutMs: 20_000 });
      }),
      dismiss: fromPromise(async ({ input }) => {
        if (input.eventKey) await client.call('evaluation.dismiss', input);
      }),
      ratingEvents: fromCallback(({ sendBack }) => {
        const offPress = client.on('evaluation.devicePress', (e) => sendBack({ type: 'DEVICE_RATED', eventKey: e.eventKey, level: e.level }));
        const offRecorded = client.on('evaluation.recorded', (e) => sendBack({ type: 'RECORDED', eventKey: e.eventKey }));
        return () => {
          offPress();
          offRecorded();
        };
      }),
    },
  });
}

/** 我要评价: a past case by number or by its receipt's QR, rated through the same evaluation. */
export function provideEvaluate(client: DaemonLink) {
  return evaluationMachine.provide({
    actors: {
      caseNoScanner: caseNoScanner(client),
      evaluation: provideServiceEvaluation(client),
    },
  });
}
