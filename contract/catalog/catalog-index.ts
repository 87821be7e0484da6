import { z } from 'zod';
import { Category, ComplaintCategory, type IndexedItem, SearchKey, type SearchKeys } from './catalog-schema';

// What the resident screens need of the whole catalog before anyone opens an
// item: names, categories, the frequent list and the pinyin search keys. An
// item's guide (materials, steps, time limits …) is fetched when it is opened
// (catalog.item), so a 5,000-item catalog stays a few hundred KB on the wire.
//
// Search strings shared by many items (居民身份证, a department's name, common
// keywords) are sent once in `keys` and referred to by position: items repeat
// them thousands of times.

const KeyRef = z.int().min(0);

export const IndexEntry = z
  .object({
    id: z.string().min(1).max(48),
    name: z.object({ zh: z.string(), en: z.string() }).strict(),
    /** The English summary: English mode searches it with the English name (residence, pension, permit). */
    summaryEn: z.string(),
    category: Category.shape.id,
    frequent: z.boolean(),
    /** The name's search key (its own: names rarely repeat). */
    nameKey: SearchKey,
    keywords: z.array(KeyRef),
    materials: z.array(KeyRef),
    department: KeyRef,
  })
  .strict();
export type IndexEntry = z.infer<typeof IndexEntry>;

export const CatalogIndex = z
  .object({
    version: z.string(),
    publishedAt: z.string(),
    categories: z.array(Category),
    complaintCategories: z.array(ComplaintCategory),
    /** Search keys shared by items; an entry's keywords, materials and department are positions in it. */
    keys: z.array(SearchKey),
    items: z.array(IndexEntry),
  })
  .superRefine((index, ctx) => {
    const n = index.keys.length;
    index.items.forEach((e, i) => {
      if ([...e.keywords, ...e.materials, e.department].some((k) => k >= n)) ctx.addIssue({ code: 'custom', path: ['items', i], message: `refers to a search key beyond the ${n} sent` });
    });
  });
export type CatalogIndex = z.infer<typeof CatalogIndex>;

type Envelope = Pick<CatalogIndex, 'version' | 'publishedAt' | 'categories' | 'complaintCategories'>;

/** The index of a loaded catalog (the daemon builds it once per catalog). */
export function catalogIndexOf(envelope: Envelope, items: readonly IndexedItem[]): CatalogIndex {
  const keys: z.infer<typeof SearchKey>[] = [];
  const positions = new Map<string, number>();
  const ref = (k: z.infer<typeof SearchKey>): number => {
    let at = positions.get(k.text);
    if (at === undefined) {
      at = keys.push(k) - 1;
      positions.set(k.text, at);
    }
    return at;
  };
  const entries = items.map(
    ({ item, search }): IndexEntry => ({
      id: item.id,
      name: { zh: item.name.zh, en: item.name.en },
      summaryEn: item.summaryEn,
      category: item.category,
      frequent: item.frequent,
      nameKey: search.name,
      keywords: search.keywords.map(ref),
      materials: search.materials.map(ref),
      department: ref(search.department),
    }),
  );
  return { ...envelope, keys, items: entries };
}

/** An entry's search keys as the matcher takes them (shared keys are the same objects, not copies). */
export function searchKeysOf(index: Pick<CatalogIndex, 'keys'>, entry: IndexEntry): SearchKeys {
  const at = (k: number) => index.keys[k]!;
  return { name: entry.nameKey, keywords: entry.keywords.map(at), materials: entry.materials.map(at), department: at(entry.department) };
}
