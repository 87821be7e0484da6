import type { CatalogItem } from '../../../contract/catalog/catalog-schema';
import type { ErrorCode } from '../../../contract/api';
import { CommandError, type DaemonLink } from '../client/daemon-client';

/** How long opening an item waits for its guide before the item screen shows "loading" instead. */
export const GUIDE_WAIT_MS = 150;

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
  private opening = false;

  constructor(private readonly client: Pick<DaemonLink, 'call'>) {}

  /** The guide if it has arrived. */
  get(id: string): CatalogItem | undefined {
    return this.kept.get(id);
  }

  /**
   * Opens an item once its guide is here, waiting at most `waitMs`: the guide
   * usually arrives within a few milliseconds, and the item screen then shows
   * it in its first frame instead of a "loading" frame first (a flicker, and
   * a frame more before the resident can read). A slow or failed fetch opens
   * the item at the bound or at the failure (its screen says so, with retry).
   * Another tap while an opening waits is ignored: a double tap opens once.
   */
  openWhenReady(id: string, open: () => void, waitMs = GUIDE_WAIT_MS): void {
    if (this.kept.has(id)) return open();
    if (this.opening) return;
    this.opening = true;
    let opened = false;
    const go = () => {
      if (opened) return;
      opened = true;
      this.opening = false;
      clearTimeout(timer);
      open();
    };
    const timer = setTimeout(go, waitMs);
    this.load(id).then(go, go);
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
