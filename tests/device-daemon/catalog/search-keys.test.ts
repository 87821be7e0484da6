import { describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../device-daemon/catalog/catalog-store';
import { loadPinyinTable, pinyinLoaded, pinyinTablePath, searchKey, searchKeysFor } from '../../../device-daemon/catalog/search-keys';
import { SHIPPED } from '../../helpers/catalog';

describe('pinyin search keys', () => {
  it('the shipped table covers the shipped catalog: loading it loads no pinyin dictionary, and the keys equal freshly computed ones', () => {
    const table = loadPinyinTable(pinyinTablePath(SHIPPED));
    expect(table.size).toBeGreaterThan(100);
    const store = new CatalogStore({ pinyin: table });
    store.loadAtBoot(SHIPPED);
    const items = store.current()?.items ?? [];
    expect(items.length).toBeGreaterThanOrEqual(51);
    // Nothing had to be computed at start: the dictionary was never loaded.
    expect(pinyinLoaded()).toBe(false);
    for (const { item, search } of items) expect(search).toEqual(searchKeysFor(item));
    expect(pinyinLoaded()).toBe(true);
  });

  it('a text missing from the table is computed; a table entry is used as it is', () => {
    const table = new Map([['参保证明', 'x y z w']]);
    expect(searchKey('参保证明', table)).toEqual({ text: '参保证明', pinyin: 'x y z w' });
    expect(searchKey('城乡居民', table)).toEqual({ text: '城乡居民', pinyin: 'cheng xiang ju min' });
  });

  it('a missing or broken table is empty (every key computed), never an error', () => {
    expect(loadPinyinTable('/nonexistent/catalog.pinyin.json').size).toBe(0);
    expect(loadPinyinTable(SHIPPED).size).toBe(0); // the catalog itself has no "keys" object
  });
});
