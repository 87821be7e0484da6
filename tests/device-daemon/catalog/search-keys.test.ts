import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../device-daemon/catalog/catalog-store';
import { loadPinyinTable, pinyinLoaded, pinyinTablePath, searchKey, searchKeysFor } from '../../../device-daemon/catalog/search-keys';
import { SHIPPED } from '../../helpers/catalog';

describe('pinyin search keys', () => {
  it('the shipped table covers the shipped catalog: loading it loads no pinyin dictionary, and the keys equal freshly computed ones', () => {
    // Nothing had to be computed at start: in a fresh process, as the daemon starts, the dictionary was never loaded.
    const atStart = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/catalog-at-start.ts')], { encoding: 'utf8' }));
    expect(atStart).toEqual({ tableSize: expect.any(Number), items: expect.any(Number), pinyinLoaded: false });
    expect(atStart.tableSize).toBeGreaterThan(100);
    expect(atStart.items).toBeGreaterThanOrEqual(51);
    const store = new CatalogStore({ pinyin: loadPinyinTable(pinyinTablePath(SHIPPED)) });
    store.loadAtBoot(SHIPPED);
    const items = store.current()?.items ?? [];
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
