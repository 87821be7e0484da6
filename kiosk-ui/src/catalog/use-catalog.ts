import { useEffect, useState } from 'preact/hooks';
import type { ConnectionState, DaemonClient } from '../client/daemon-client';
import { ItemGuides } from './item-guides';
import { toUiCatalog, type UiCatalog } from './ui-catalog';

/**
 * The daemon's catalog index, fetched on every (re)connect; the same version
 * is kept as it is (no re-indexing, and its fetched guides stay); a new
 * version starts with no guides.
 */
export function useCatalog(client: DaemonClient, conn: ConnectionState): UiCatalog | null {
  const [catalog, setCatalog] = useState<UiCatalog | null>(null);
  useEffect(() => {
    if (conn !== 'open') return;
    client.call('catalog.get', {}, { timeoutMs: 30_000 }).then(
      (index) => setCatalog((prev) => (prev?.version === index.version && prev.items.length === index.items.length ? prev : toUiCatalog(index, new ItemGuides(client)))),
      () => undefined,
    );
  }, [client, conn]);
  return catalog;
}
