import { useEffect } from 'preact/hooks';
import type { ConnectionState, DaemonClient } from './daemon-client';

/** A third of the daemon's 30 s silence limit: two lost beats are not yet a gone page. */
const HEARTBEAT_MS = 10_000;

/**
 * Tells the daemon the page is alive, at once on each (re)connect and every
 * 10 s while the link is open. Its silence is how a technician (and the fleet
 * link) learns that the browser crashed or hung while the daemon runs on.
 */
export function usePageHeartbeat(client: DaemonClient, conn: ConnectionState): void {
  useEffect(() => {
    if (conn !== 'open') return;
    const beat = () => void client.call('page.heartbeat', {}).catch(() => undefined);
    beat();
    const timer = window.setInterval(beat, HEARTBEAT_MS);
    return () => window.clearInterval(timer);
  }, [client, conn]);
}
