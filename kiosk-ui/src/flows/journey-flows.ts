import type { SystemStatus } from '../../../contract/api';
import type { DaemonLink } from '../client/daemon-client';
import type { UiCatalog } from '../catalog/ui-catalog';
import { provideComplaint } from './complaint';
import { provideEvaluate } from './evaluate';
import { provideProgress } from './progress';
import { provideService } from './service';

/** The journey's child flows with their effects: not in the page's first script, loaded by browse.ts (loadJourneyFlows). */
export function provideJourneyFlows(client: DaemonLink, catalog: () => UiCatalog | null, locale: () => SystemStatus['locale']) {
  return {
    progress: provideProgress(client),
    complain: provideComplaint(client),
    evaluate: provideEvaluate(client),
    service: provideService(client, catalog, locale),
  };
}
