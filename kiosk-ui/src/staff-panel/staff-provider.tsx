import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { StaffOnTerminal } from '../../../contract/api/staff-terminal';
import type { DaemonLink } from '../client/daemon-client';
import { preloadJourneyScreens, preloadable, withStrings } from '../screens/journey-screens';
import { StaffContext, type StaffView } from './staff-context';
import { useTitleLongPress } from './long-press';

// The panel (and demo mode's start within it) is not in the page's first script: it comes with the journeys' chunks and their words.
const StaffPanel = preloadable(() => withStrings(import('./staff-panel').then((m) => m.StaffPanel))).Screen;

/**
 * Staff on the terminal for one resident session: what the daemon holds (who
 * is signed in, guided mode, assisted handling) and the staff panel, opened
 * by the configured hidden entry. Mounted inside the session's tree, so a
 * new session starts with nothing of the last one's (the daemon dropped it too).
 */
export function StaffProvider({ client, children }: { client: DaemonLink; children: ComponentChildren }) {
  const [state, setState] = useState<StaffOnTerminal | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    client.call('staff.terminal.state', {}).then(setState, () => undefined);
  }, []);
  // The panel and its words come with the journeys' (not in the first script): it opens once they are in.
  useTitleLongPress(state?.entry === 'titleLongPress', () => void preloadJourneyScreens().then(() => setOpen(true)));
  const act = useCallback(async (run: (c: DaemonLink) => Promise<StaffOnTerminal>) => setState(await run(client)), [client]);
  const value: StaffView = { state, act, client, close: () => setOpen(false) };
  return (
    <StaffContext.Provider value={value}>
      {children}
      {open && state && <StaffPanel />}
    </StaffContext.Provider>
  );
}
