import { customPinyin, pinyin, polyphonic } from 'pinyin-pro';
import type { CatalogItem, SearchKey, SearchKeys } from '../../contract/catalog/catalog-schema';

// Pinyin for search, computed once when a catalog is loaded, so the UI never
// needs a pinyin dictionary (kiosk-ui/src/catalog/search.ts only matches).
// Each character gets a slot: its context-aware reading first, then its other
// readings, so a resident who reads 参 as "shen" or 行 as "xing" still finds it.

// Readings pinyin-pro gets wrong in this domain (人参 is ginseng; 参保 is can bao).
customPinyin({
  参保: 'cān bǎo',
  参加: 'cān jiā',
  个人参保: 'gè rén cān bǎo',
  参保人: 'cān bǎo rén',
  未参保: 'wèi cān bǎo',
  已参保: 'yǐ cān bǎo',
  转移接续: 'zhuǎn yí jiē xù',
  调解: 'tiáo jiě',
  长辈: 'zhǎng bèi',
  便民: 'biàn mín',
  户口簿: 'hù kǒu bù',
});

const LATIN_OR_DIGIT = /^[a-z0-9]$/;

/** Lower-case, full-width → half-width, ü → v: the same normalisation the UI applies to queries. */
export function normaliseText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/ü/g, 'v');
}

export function searchKey(raw: string): SearchKey {
  const text = normaliseText(raw);
  const chars = Array.from(text);
  const main = pinyin(text, { type: 'all', toneType: 'none', v: true });
  // pinyin-pro returns one entry per character for type 'all'; keep it aligned defensively.
  const alt = polyphonic(text, { type: 'array', toneType: 'none', v: true });
  const slots = chars.map((ch, i) => {
    const m = main[i];
    if (m && m.origin === ch && m.isZh && m.pinyin) {
      const readings = [m.pinyin, ...((alt[i] ?? []) as string[]).filter((r) => r && r !== m.pinyin)];
      return [...new Set(readings)].join('|');
    }
    return LATIN_OR_DIGIT.test(ch) ? ch : '';
  });
  return { text, pinyin: slots.join(' ') };
}

export function searchKeysFor(item: CatalogItem): SearchKeys {
  return {
    name: searchKey(item.name.zh),
    keywords: item.keywords.map(searchKey),
    materials: item.materials.map((m) => searchKey(m.name.zh)),
    department: searchKey(item.department.zh),
  };
}
