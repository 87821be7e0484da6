import { useEffect } from 'preact/hooks';
import type { DaemonClient } from './daemon-client';

/**
 * Reloads the page when the daemon says so (page.reload: the fleet platform
 * asked, never during a resident session): a page stuck on stale code or
 * state is replaced by the one the daemon serves now, without a visit.
 */
export function usePageReload(client: DaemonClient): void {
  useEffect(() => client.on('page.reload', () => window.location.reload()), [client]);
}
