import type { CatalogView } from '../../../contract/api/catalog';
import type { CatalogItem, Category, ComplaintCategory } from '../../../contract/catalog/catalog-schema';
import { buildIndex, createSearcher, type SearchResult } from './search';

/** The catalog as the screens use it: items by id, per category, and a per-keystroke searcher. */
export interface UiCatalog {
  version: string;
  categories: Category[];
  /** 有诉即办 categories, in catalog order. */
  complaintCategories: ComplaintCategory[];
  items: CatalogItem[];
  byId: Map<string, CatalogItem>;
  inCategory(id: string): CatalogItem[];
  frequent: CatalogItem[];
  search(query: string): SearchResult;
}

export function toUiCatalog(view: CatalogView): UiCatalog {
  const items = view.items.map((i) => i.item);
  const byId = new Map(items.map((i) => [i.id, i]));
  const searcher = createSearcher(buildIndex(view.items.map((i) => ({ id: i.item.id, search: i.search, frequent: i.item.frequent }))), { limit: 40 });
  return {
    version: view.version,
    categories: [...view.categories].sort((a, b) => a.order - b.order),
    complaintCategories: view.complaintCategories,
    items,
    byId,
    inCategory: (id) => items.filter((i) => i.category === id),
    frequent: items.filter((i) => i.frequent),
    search: searcher,
  };
}
