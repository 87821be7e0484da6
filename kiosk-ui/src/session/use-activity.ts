import { useEffect } from 'preact/hooks';
import type { ActorRefFrom } from 'xstate';
import type { sessionMachine } from '../../../state-machines/session/session-machine';
import type { DaemonLink } from '../client/daemon-client';

/** At most one ping per 15 s. */
const PING_MS = 15_000;

/**
 * Any touch or key counts as activity (the warning ignores it: only its
 * button extends). The daemon wipes a held card when it hears nothing for
 * longer than the idle timeout + warning, so touches also tell it the
 * resident is still here. A lost link or a restarted daemon ends the session.
 */
export function useResidentActivity(session: ActorRefFrom<typeof sessionMachine>, client: DaemonLink): void {
  useEffect(() => {
    let lastPing = 0;
    const onActivity = () => {
      session.send({ type: 'ACTIVITY' });
      if (Date.now() - lastPing > PING_MS) {
        lastPing = Date.now();
        void client.call('system.ping', {}).catch(() => undefined);
      }
    };
    const onRestart = () => session.send({ type: 'END', reason: 'error' });
    document.addEventListener('pointerdown', onActivity, true);
    document.addEventListener('keydown', onActivity, true);
    window.addEventListener('kiosk:daemon-restarted', onRestart);
    window.addEventListener('kiosk:link-lost', onRestart);
    return () => {
      document.removeEventListener('pointerdown', onActivity, true);
      document.removeEventListener('keydown', onActivity, true);
      window.removeEventListener('kiosk:daemon-restarted', onRestart);
      window.removeEventListener('kiosk:link-lost', onRestart);
    };
  }, [session, client]);
}
