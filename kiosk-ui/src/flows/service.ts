import { fromCallback, fromPromise } from 'xstate';
import type { SystemStatus } from '../../../contract/api';

type Locale = SystemStatus['locale'];
import type { DaemonLink } from '../client/daemon-client';
import type { UiCatalog } from '../catalog/ui-catalog';
import { serviceMachine } from '../../../state-machines/flows/service-machine';
import { provideIdentify } from './identify';
import { holdWhileInDoubt } from './in-flight-submission';
import { applicationArgs, precheckArgs } from './service-args';
import { provideServiceEvaluation } from './evaluate';

/**
 * An item's service with its daemon effects: the application, the pre-check
 * (judged and its slip composed by the daemon), the person's records and
 * every print. Items are looked up when the effect runs: the catalog may
 * have been refreshed meanwhile.
 */
export function provideService(client: DaemonLink, catalog: () => UiCatalog | null, locale: () => Locale = () => 'zh-CN') {
  const item = (id: string) => {
    // The service starts from the item's guide, so its guide has been fetched.
    const found = catalog()?.guides.get(id);
    if (!found) throw new Error(`the guide of item ${id} has not been fetched`);
    return found;
  };
  const recordType = (id: string) => {
    const t = item(id).terminal;
    if (t.mode !== 'queryPrint') throw new Error(`item ${id} prints no records`);
    return t.record;
  };
  return serviceMachine.provide({
    actors: {
      identify: provideIdentify(client),
      evaluation: provideServiceEvaluation(client),
      cardRemoval: fromCallback(({ sendBack }) => client.on('card.removed', () => sendBack({ type: 'CARD_REMOVED' }))),
      // The key is held until the daemon's answers about the case are known (holdWhileInDoubt): a crash between its
      // commit and its answer, or while its receipt prints, leaves it for the page to ask the restarted daemon.
      submit: fromPromise(({ input }) => holdWhileInDoubt(input.idempotencyKey, () => client.call('submission.submit', applicationArgs(item(input.itemId), input), { timeoutMs: 20_000 }), false)),
      printReceipt: fromPromise(async ({ input }) => {
        await holdWhileInDoubt(input.idempotencyKey, () => client.call('receipt.print', { caseNo: input.caseNo, locale: locale() }, { timeoutMs: 60_000 }), true);
      }),
      precheck: fromPromise(({ input }) => client.call('precheck.evaluate', precheckArgs(item(input.itemId), input))),
      printPrecheck: fromPromise(async ({ input }) => {
        await client.call('precheck.print', { ...precheckArgs(item(input.itemId), input), locale: locale() }, { timeoutMs: 60_000 });
      }),
      fetchRecords: fromPromise(({ input }) => client.call('records.query', { recordType: recordType(input.itemId) }, { timeoutMs: 30_000 })),
      printRecords: fromPromise(async ({ input }) => {
        await client.call('records.print', { recordType: recordType(input.itemId) }, { timeoutMs: 60_000 });
      }),
    },
  });
}
