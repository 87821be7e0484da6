import { fromPromise } from 'xstate';
import type { DaemonLink } from '../client/daemon-client';
import type { EndReason } from '../../../state-machines/session/session-machine';
import { stopSpeaking } from '../voice';

/**
 * The privacy wipe at every session end: the page stops speaking and clears
 * what a browser could keep, and the daemon drops what it held for the
 * resident. The page's own state goes with the remount at attract. Answers
 * when the daemon confirmed (or could not: the session ends either way).
 */
export function wipeResident(client: DaemonLink) {
  return fromPromise<void, { reason: EndReason }>(async ({ input }) => {
    stopSpeaking();
    try {
      sessionStorage.clear();
      localStorage.clear();
    } catch {
      /* storage disabled: nothing to clear */
    }
    await client.call('session.end', { reason: input.reason }, { timeoutMs: 5_000 });
  });
}
