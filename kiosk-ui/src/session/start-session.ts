import { createActor } from 'xstate';
import type { SystemStatus } from '../../../contract/api';
import { sessionMachine } from '../../../state-machines/session/session-machine';
import type { DaemonLink } from '../client/daemon-client';
import type { UiCatalog } from '../catalog/ui-catalog';
import { provideBrowse } from '../flows/browse';
import { wipeResident } from './wipe';

/** The resident session with this terminal's timings, the browse journey and the privacy wipe. */
export function startSession(client: DaemonLink, system: () => SystemStatus, catalog: () => UiCatalog | null) {
  // The resident's language as the session holds it now: receipts print bilingual for English.
  const locale = (): SystemStatus['locale'] => actor.getSnapshot().context.locale;
  const machine = sessionMachine.provide({
    actors: { journey: provideBrowse(client, catalog, locale), wipe: wipeResident(client) },
    // Read at each start of a wait: a timeout the technician changed applies without reloading the page.
    delays: { idleTimeout: () => system().session.idleTimeoutSeconds * 1000, warningTimeout: () => system().session.warningSeconds * 1000 },
  });
  const actor = createActor(machine, { input: { locale: system().locale, elderMode: system().elderModeDefault } });
  return actor.start();
}
