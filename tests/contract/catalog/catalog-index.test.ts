import { describe, expect, it } from 'vitest';
import { CatalogIndex, searchKeysOf } from '../../../contract/catalog/catalog-index';
import { loadShipped } from '../../helpers/catalog';

// The index catalog.get sends: what lists and search need, each shared search
// string once, and the same search keys as the full catalog once expanded.
describe('catalog index', () => {
  const cat = loadShipped().current()!;
  const index = cat.index;

  it('expands to exactly the search keys of every item, in catalog order', () => {
    expect(index.items.map((e) => e.id)).toEqual(cat.items.map((i) => i.item.id));
    index.items.forEach((entry, n) => {
      expect(searchKeysOf(index, entry)).toEqual(cat.items[n]!.search);
    });
  });

  it('sends each distinct shared string once', () => {
    const texts = index.keys.map((k) => k.text);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('passes its own schema, and a reference beyond the keys does not', () => {
    expect(CatalogIndex.safeParse(index).success).toBe(true);
    const broken = structuredClone(index);
    broken.items[0]!.department = broken.keys.length;
    const r = CatalogIndex.safeParse(broken);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['items', 0]);
  });
});
