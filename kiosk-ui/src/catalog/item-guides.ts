import type { CatalogItem } from '../../../contract/catalog/catalog-schema';
import type { ErrorCode } from '../../../contract/api';
import { CommandError, type DaemonLink } from '../client/daemon-client';

export type GuideState = { status: 'loading' } | { status: 'ready'; item: CatalogItem } | { status: 'failed'; code: ErrorCode };

/**
 * Item guides (办事指南) fetched from the daemon when an item is opened
 * (catalog.item) and kept for the catalog they belong to: reopening an item,
 * and the item's service started from its guide, use the kept copy. A failed
 * fetch is not kept, so opening the item again (or "retry") asks again.
 */
export class ItemGuides {
  private readonly kept = new Map<string, CatalogItem>();
  private readonly inFlight = new Map<string, Promise<CatalogItem>>();

  constructor(private readonly client: Pick<DaemonLink, 'call'>) {}

  /** The guide if it has arrived. */
  get(id: string): CatalogItem | undefined {
    return this.kept.get(id);
  }

  load(id: string): Promise<CatalogItem> {
    const kept = this.kept.get(id);
    if (kept) return Promise.resolve(kept);
    let pending = this.inFlight.get(id);
    if (!pending) {
      pending = this.client
        .call('catalog.item', { id })
        .then(({ item }) => {
          this.kept.set(id, item);
          return item;
        })
        .finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, pending);
    }
    return pending;
  }
}

/** The error code of a failed fetch, for the screen's message. */
export const guideFailure = (err: unknown): ErrorCode => (err instanceof CommandError ? err.code : 'internalError');
