import { fromPromise } from 'xstate';
import type { SystemStatus } from '../../../contract/api';

type Locale = SystemStatus['locale'];
import type { DaemonLink } from '../client/daemon-client';
import type { UiCatalog } from '../catalog/ui-catalog';
import { browseMachine } from '../../../state-machines/flows/browse-machine';
import { provideCallStaff } from './call-staff';
import { provideComplaint } from './complaint';
import { provideEvaluate } from './evaluate';
import { provideProgress } from './progress';
import { provideService } from './service';

/**
 * The resident's journey: finding a service, its one-time notice, and every
 * feature and item service with their effects from the daemon. The notice
 * (一次性告知单) is named by its item: the daemon composes it from its catalog
 * and the site config and prints it (printer.print), so the page has no say
 * in what the paper carries; the print resolves when the printer confirmed
 * the job.
 */
export function provideBrowse(client: DaemonLink, catalog: () => UiCatalog | null, locale: () => Locale = () => 'zh-CN') {
  return browseMachine.provide({
    actors: {
      printNotice: fromPromise(async ({ input }) => {
        await client.call('printer.print', { layout: 'oneTimeNotice', itemId: input.itemId, locale: locale() }, { timeoutMs: 90_000 });
      }),
      callStaff: provideCallStaff(client),
      progress: provideProgress(client),
      complain: provideComplaint(client),
      evaluate: provideEvaluate(client),
      service: provideService(client, catalog, locale),
    },
  });
}
