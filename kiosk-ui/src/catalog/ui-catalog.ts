import type { CatalogIndex, IndexEntry } from '../../../contract/catalog/catalog-index';
import { searchKeysOf } from '../../../contract/catalog/catalog-index';
import type { Category, ComplaintCategory } from '../../../contract/catalog/catalog-schema';
import type { ItemGuides } from './item-guides';
import { buildIndex, createSearcher, type SearchResult } from './search';
import { createEnglishSearcher, type EnglishHit } from './english-search';
import { createCandidates } from './pinyin-candidates';

/**
 * The catalog as the screens use it: the index's items by id, per category,
 * a per-keystroke searcher, and the guides fetched as items are opened.
 */
export interface UiCatalog {
  version: string;
  categories: Category[];
  /** 有诉即办 categories, in catalog order. */
  complaintCategories: ComplaintCategory[];
  items: IndexEntry[];
  byId: Map<string, IndexEntry>;
  inCategory(id: string): IndexEntry[];
  frequent: IndexEntry[];
  search(query: string): SearchResult;
  /** English mode: the English names, category names and summaries. */
  searchEnglish(query: string): { hits: EnglishHit[]; total: number };
  /** Typed letters → the catalog's words (keywords, names) they spell, for the candidate bar. */
  candidates(letters: string): string[];
  guides: ItemGuides;
}

export function toUiCatalog(index: CatalogIndex, guides: ItemGuides): UiCatalog {
  const items = index.items;
  const byId = new Map(items.map((i) => [i.id, i]));
  // Grouped once: the home screen counts every category on each render, and a catalog may hold thousands of items.
  const byCategory = new Map<string, IndexEntry[]>();
  for (const i of items) {
    const list = byCategory.get(i.category);
    if (list) list.push(i);
    else byCategory.set(i.category, [i]);
  }
  // Every match is returned: the results are paged on screen ("找到 49 项" shows all 49), never cut.
  const searcher = createSearcher(buildIndex(items.map((i) => ({ id: i.id, search: searchKeysOf(index, i), frequent: i.frequent }))), { limit: items.length });
  const categoryEn = new Map(index.categories.map((c) => [c.id, c.name.en]));
  const searchEnglish = createEnglishSearcher(items.map((i) => ({ id: i.id, name: i.name.en, category: categoryEn.get(i.category) ?? '', summary: i.summaryEn, frequent: i.frequent })));
  return {
    version: index.version,
    categories: [...index.categories].sort((a, b) => a.order - b.order),
    complaintCategories: index.complaintCategories,
    items,
    byId,
    inCategory: (id) => byCategory.get(id) ?? [],
    frequent: items.filter((i) => i.frequent),
    search: searcher,
    searchEnglish,
    candidates: createCandidates([...items.map((i) => i.nameKey), ...items.flatMap((i) => i.keywords.map((k) => index.keys[k]!))]),
    guides,
  };
}
