import type { CatalogItem } from '../../contract/catalog/catalog-schema';
import type { CatalogStore } from './catalog-store';

// Daemon-side access to the catalog being served, for code outside the
// catalog capability (the apply flow, receipts, the platform refresh).
// registerCatalogApi() installs the store at start-up.

let store: CatalogStore | null = null;

export function setCatalogStore(s: CatalogStore | null): void {
  store = s;
}

/** The store being served (null before the catalog capability started). Call replace(json) on it for a platform refresh. */
export function catalogStore(): CatalogStore | null {
  return store;
}

/** The valid item with this 事项编码, or undefined (unknown, hidden as broken, or no catalog). */
export function catalogItem(code: string): CatalogItem | undefined {
  return store?.item(code);
}

export { CatalogStore } from './catalog-store';
export type { CatalogDiagnostics, LoadedCatalog, ReplaceResult } from './catalog-store';
export { buildOneTimeNotice, toPrinterNotice } from './notice-data';
export type { CatalogItem } from '../../contract/catalog/catalog-schema';
