import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogStore } from '../../device-daemon/catalog/catalog-store';
import { buildIndex } from '../../kiosk-ui/src/catalog/search';
import { ROOT } from './daemon';

export const SHIPPED = join(ROOT, 'assets/catalog/catalog.json');

/** A fresh copy of the shipped catalog file, to break on purpose. */
export function shippedJson(): Record<string, any> {
  return JSON.parse(readFileSync(SHIPPED, 'utf8')) as Record<string, any>;
}

/** The shipped catalog loaded the way the daemon loads it (validation + pinyin keys). */
export function loadShipped(): CatalogStore {
  const store = new CatalogStore();
  store.loadAtBoot(SHIPPED);
  return store;
}

/** The UI's search index over what catalog.get would send. */
export function shippedIndex() {
  const store = loadShipped();
  const items = store.current()!.items;
  return { store, items, index: buildIndex(items.map((i) => ({ id: i.item.id, search: i.search, frequent: i.item.frequent }))) };
}
