import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as PinyinPro from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../device-daemon/catalog/catalog-store';
import { loadPinyinTable, pinyinLoaded, pinyinTablePath, searchKey, searchKeysFor } from '../../../device-daemon/catalog/search-keys';
import { SHIPPED, shippedJson } from '../../helpers/catalog';
import { seededRandom } from '../../helpers/prng';

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

// searchKey asks pinyin-pro for a text's readings with their tone marks and takes the marks off
// itself, once per reading (tonelessOf), instead of asking for toneType 'none' and v: the keys must
// be the ones pinyin-pro's own options give. Compared on every searchable text of the shipped catalog
// and on 3,000 texts made of its characters and two-character words (the generated catalog's way).
describe('pinyin search keys against pinyin-pro with toneType none', () => {
  const pinyinPro = createRequire(import.meta.url)('pinyin-pro') as typeof PinyinPro;
  /** The key's pinyin as pinyin-pro's options make it (the way searchKey made it before). */
  function reference(text: string): string {
    const { pinyin, polyphonic } = pinyinPro;
    const chars = Array.from(text);
    const readings = chars.map((ch) => {
      const [m] = pinyin(ch, { type: 'all', toneType: 'none', v: true });
      return m && m.origin === ch && m.isZh && m.pinyin ? ((polyphonic(ch, { type: 'array', toneType: 'none', v: true })[0] ?? []) as string[]).filter(Boolean) : null;
    });
    const main = readings.some((r) => r && r.length > 1) ? pinyin(text, { type: 'array', toneType: 'none', v: true }) : [];
    return chars
      .map((ch, i) => {
        const alt = readings[i];
        if (!alt) return /^[a-z0-9]$/.test(ch) ? ch : '';
        return [...new Set([main.length === chars.length ? main[i]! : (alt[0] ?? ''), ...alt])].filter(Boolean).join('|');
      })
      .join(' ');
  }

  it('gives the keys pinyin-pro gives with toneType none and v', () => {
    const items = shippedJson().items as Array<Record<string, any>>;
    const shipped = items.flatMap((i) => [i.name.zh, ...i.keywords, ...i.materials.map((m: { name: { zh: string } }) => m.name.zh), i.department.zh] as string[]);
    const chars = [...new Set(shipped.join('').replace(/[^\u4e00-\u9fff]/g, ''))];
    const words = [...new Set(shipped.flatMap((t) => t.replace(/[^\u4e00-\u9fff]/g, '').match(/.{2}/g) ?? []))];
    const rand = seededRandom(11);
    const pick = <T>(a: T[]): T => a[Math.floor(rand() * a.length)]!;
    const made = Array.from({ length: 3000 }, (_, n) => (n % 2 ? `${pick(words)}${pick(words)}${pick(chars)}` : `${pick(chars)}${pick(words)}（${pick(chars)}）ü2`));
    searchKey('参保'); // loads pinyin-pro with the custom readings, as the daemon does
    let compared = 0;
    for (const raw of [...new Set([...shipped, ...made])]) {
      const key = searchKey(raw);
      expect(key.pinyin, raw).toBe(reference(key.text));
      compared++;
    }
    expect(compared).toBeGreaterThan(3000);
  });
});
