import { type AnyActorLogic, fromPromise } from 'xstate';
import type { SystemStatus } from '../../../contract/api';

type Locale = SystemStatus['locale'];
import type { DaemonLink } from '../client/daemon-client';
import type { UiCatalog } from '../catalog/ui-catalog';
import { browseMachine } from '../../../state-machines/flows/browse-machine';
import { provideCallStaff } from './call-staff';

type ProvideJourneyFlows = typeof import('./journey-flows').provideJourneyFlows;
let provideJourneyFlows: ProvideJourneyFlows | undefined;
let loading: Promise<unknown> | undefined;

/**
 * The journey's child flows (progress, complaint, evaluation, the item's
 * service) come in their own chunk, not in the page's first script: the
 * session loads them once the page has painted, and the start area waits
 * for them (kiosk-session.tsx), so a flow is never invoked before its code is here.
 */
export function loadJourneyFlows(): Promise<unknown> {
  loading ??= import('./journey-flows').then(
    (m) => {
      provideJourneyFlows = m.provideJourneyFlows;
    },
    (err: unknown) => {
      // A chunk that failed to arrive (daemon restarting) is asked for again next time.
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

export const journeyFlowsLoaded = (): boolean => provideJourneyFlows !== undefined;

/** Logic that is the flow's once its chunk is here: xstate asks it for each step, and it hands the question to the loaded flow. */
function deferred<T extends AnyActorLogic>(flow: () => T): T {
  const logic: Pick<AnyActorLogic, 'transition' | 'getInitialSnapshot' | 'getPersistedSnapshot' | 'start' | 'restoreSnapshot'> = {
    transition: (snapshot, event, scope) => flow().transition(snapshot, event, scope),
    getInitialSnapshot: (scope, input) => flow().getInitialSnapshot(scope, input),
    getPersistedSnapshot: (snapshot, options) => flow().getPersistedSnapshot(snapshot, options),
    start: (snapshot, scope) => flow().start?.(snapshot, scope),
    restoreSnapshot: (snapshot, scope) => {
      const f = flow();
      return f.restoreSnapshot ? f.restoreSnapshot(snapshot, scope) : snapshot;
    },
  };
  return logic as T;
}

/**
 * The resident's journey: finding a service, its one-time notice, and every
 * feature and item service with their effects from the daemon. The notice
 * (一次性告知单) is named by its item: the daemon composes it from its catalog
 * and the site config and prints it (printer.print), so the page has no say
 * in what the paper carries; the print resolves when the printer confirmed
 * the job.
 */
export function provideBrowse(client: DaemonLink, catalog: () => UiCatalog | null, locale: () => Locale = () => 'zh-CN') {
  let flows: ReturnType<ProvideJourneyFlows> | undefined;
  const flow = () => {
    if (!provideJourneyFlows) throw new Error('a journey flow was started before its code was loaded (loadJourneyFlows)');
    flows ??= provideJourneyFlows(client, catalog, locale);
    return flows;
  };
  return browseMachine.provide({
    actors: {
      printNotice: fromPromise(async ({ input }) => {
        await client.call('printer.print', { layout: 'oneTimeNotice', itemId: input.itemId, locale: locale() }, { timeoutMs: 90_000 });
      }),
      callStaff: provideCallStaff(client),
      progress: deferred(() => flow().progress),
      complain: deferred(() => flow().complain),
      evaluate: deferred(() => flow().evaluate),
      service: deferred(() => flow().service),
    },
  });
}
