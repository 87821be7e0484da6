import { fromPromise } from 'xstate';
import type { DaemonLink } from '../client/daemon-client';
import type { ComplaintCategoryId } from '../../../contract/catalog/catalog-schema';
import { complaintMachine } from '../../../state-machines/flows/complaint-machine';
import { complaintText } from './complaint-statements';
import { consentTextVersion } from './consent-text';
import { holdWhileInDoubt } from './in-flight-submission';
import { provideServiceEvaluation } from './evaluate';

/**
 * 有诉即办 with the complaint sent through the daemon's outbox and its
 * receipt printed by the daemon. The daemon sets the date it promises an
 * answer by (the 有诉即办 rule and the holiday calendar). A call-back phone is
 * the resident's own number, typed under the text that says what it is for:
 * sending it is the consent, recorded by the daemon (complaintCallback)
 * before the complaint, which it refuses otherwise.
 */
export function provideComplaint(client: DaemonLink) {
  return complaintMachine.provide({
    actors: {
      evaluation: provideServiceEvaluation(client),
      submit: fromPromise(async ({ input }) => {
        const { idempotencyKey, category, statements, relatedCaseNo, callbackPhone } = input;
        const payload = {
          category: category as ComplaintCategoryId,
          text: complaintText(category, statements),
          ...(relatedCaseNo ? { relatedCaseNo } : {}),
          ...(callbackPhone ? { callbackPhone } : {}),
        };
        if (callbackPhone) await client.call('consent.record', { purpose: 'complaintCallback', textVersion: consentTextVersion('complaintCallback') });
        // Held while its outcome is in doubt, as an application's is (in-flight-submission.ts).
        const { caseNo, promisedDate } = await holdWhileInDoubt(idempotencyKey, () => client.call('submission.submit', { kind: 'complaint', idempotencyKey, payload }, { timeoutMs: 20_000 }), false);
        return { caseNo, promisedDate };
      }),
      printReceipt: fromPromise(async ({ input }) => {
        await holdWhileInDoubt(input.idempotencyKey, () => client.call('receipt.print', { caseNo: input.caseNo }, { timeoutMs: 60_000 }), true);
      }),
    },
  });
}
