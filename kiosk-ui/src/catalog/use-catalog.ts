import { useEffect, useState } from 'preact/hooks';
import type { ConnectionState, DaemonClient } from '../client/daemon-client';
import { toUiCatalog, type UiCatalog } from './ui-catalog';

/** The daemon's catalog, fetched on every (re)connect; the same version is kept as it is (no re-indexing). */
export function useCatalog(client: DaemonClient, conn: ConnectionState): UiCatalog | null {
  const [catalog, setCatalog] = useState<UiCatalog | null>(null);
  useEffect(() => {
    if (conn !== 'open') return;
    client.call('catalog.get', {}, { timeoutMs: 30_000 }).then(
      (view) => setCatalog((prev) => (prev?.version === view.version && prev.items.length === view.items.length ? prev : toUiCatalog(view))),
      () => undefined,
    );
  }, [client, conn]);
  return catalog;
}
