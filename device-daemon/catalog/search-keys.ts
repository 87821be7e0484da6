import { readFileSync } from 'node:fs';
import type * as PinyinPro from 'pinyin-pro';
import type { CatalogItem, SearchKey, SearchKeys } from '../../contract/catalog/catalog-schema';
import { lazyRequire } from '../lazy-require';

// Pinyin for search, computed once when a catalog is loaded, so the UI never
// needs a pinyin dictionary (kiosk-ui/src/catalog/search.ts only matches).
// Each character gets a slot: its context-aware reading first, then its other
// readings, so a resident who reads 参 as "shen" or 行 as "xing" still finds it.

// The pinyin of the shipped catalog's texts is computed when the catalog is
// built and shipped beside it (catalog.pinyin.json): loading pinyin-pro's
// dictionary and reading ~600 strings costs ~300 ms of CPU, which a terminal
// would otherwise pay at every start before it listens. Texts the table lacks
// (a platform refresh, an edited catalog) are computed here, and pinyin-pro is
// loaded only then.

/** Normalised text → its pinyin slots (SearchKey.pinyin). */
export type PinyinTable = ReadonlyMap<string, string>;

let lib: typeof PinyinPro | undefined;
function pinyinPro(): typeof PinyinPro {
  if (lib) return lib;
  lib = lazyRequire<typeof PinyinPro>('pinyin-pro');
  lib.customPinyin(CUSTOM_READINGS);
  return lib;
}

/** Whether pinyin-pro has been loaded in this process (start-up diagnostics and tests). */
export const pinyinLoaded = (): boolean => lib !== undefined;

// Readings pinyin-pro gets wrong in this domain (人参 is ginseng; 参保 is can bao).
const CUSTOM_READINGS: Record<string, string> = {
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
};

const LATIN_OR_DIGIT = /^[a-z0-9]$/;

/** Lower-case, full-width → half-width, ü → v: the same normalisation the UI applies to queries. */
function normaliseText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/ü/g, 'v');
}

/**
 * A text's search key: its pinyin from `known` (the shipped table) when it is
 * there, else from `learnt` (texts computed earlier in this catalog or in the
 * catalog it replaces), else computed and added to `learnt`. Platform
 * catalogs repeat texts thousands of times (materials, departments, keywords).
 */
export function searchKey(raw: string, known?: PinyinTable, learnt?: Map<string, string>): SearchKey {
  const text = normaliseText(raw);
  let pinyin = known?.get(text) ?? learnt?.get(text);
  if (pinyin === undefined) {
    pinyin = pinyinSlots(text);
    learnt?.set(text, pinyin);
  }
  return { text, pinyin };
}

/**
 * Every reading of one character (main dictionary reading first), or null
 * for a character that is not Chinese. A character's readings do not depend
 * on its neighbours, so they are looked up once per character per process:
 * asking pinyin-pro for every reading of every character of every text was
 * most of a 5,000-item catalog's load time.
 */
const charReadings = new Map<string, readonly string[] | null>();
function readingsOf(ch: string): readonly string[] | null {
  let r = charReadings.get(ch);
  if (r === undefined) {
    const { pinyin, polyphonic } = pinyinPro();
    const [m] = pinyin(ch, { type: 'all', toneType: 'none', v: true });
    r = m && m.origin === ch && m.isZh && m.pinyin ? ((polyphonic(ch, { type: 'array', toneType: 'none', v: true })[0] ?? []) as string[]).filter(Boolean) : null;
    charReadings.set(ch, r);
  }
  return r;
}

/**
 * A character's slot: `main` first, then its other readings. Made once per
 * character and main reading (a refresh of thousands of texts builds the same
 * few thousand slots again and again).
 */
const slotsByChar = new Map<string, Map<string, string>>();
function slotOf(ch: string, main: string, readings: readonly string[]): string {
  let byMain = slotsByChar.get(ch);
  if (byMain === undefined) {
    byMain = new Map();
    slotsByChar.set(ch, byMain);
  }
  let slot = byMain.get(main);
  if (slot === undefined) {
    slot = [...new Set([main, ...readings])].filter(Boolean).join('|');
    byMain.set(main, slot);
  }
  return slot;
}

/**
 * A reading as pinyin-pro writes it with tone marks → without them, ü as v
 * (what its toneType 'none' and v options do to each reading: the same
 * function, convert's toneNone, then ü → v). Asked once per reading per
 * process: pinyin-pro would do it with nine regular expressions for every
 * character of every text.
 */
const toneless = new Map<string, string>();
function tonelessOf(marked: string): string {
  let r = toneless.get(marked);
  if (r === undefined) {
    r = pinyinPro().convert(marked, { format: 'toneNone' }).replace(/ü/g, 'v');
    toneless.set(marked, r);
  }
  return r;
}

function pinyinSlots(text: string): string {
  const chars = Array.from(text);
  const readings = chars.map(readingsOf);
  // The main reading of a character with several depends on the word it is in (参保 can, 人参 shen):
  // only then is the whole text read (most texts have no such character).
  const main = readings.some((r) => r && r.length > 1) ? pinyinPro().pinyin(text, { type: 'array' }) : [];
  const aligned = main.length === chars.length;
  const slots = chars.map((ch, i) => {
    const alt = readings[i];
    if (!alt) return LATIN_OR_DIGIT.test(ch) ? ch : '';
    return slotOf(ch, aligned ? tonelessOf(main[i]!) : (alt[0] ?? ''), alt);
  });
  return slots.join(' ');
}

/**
 * The key maker of one catalog load: searchKey memoised by the text as
 * written, so a text repeated by thousands of items (居民身份证, a
 * department) is normalised once and its key is one shared object.
 */
export function keyMaker(known?: PinyinTable, learnt?: Map<string, string>): (raw: string) => SearchKey {
  const byRaw = new Map<string, SearchKey>();
  return (raw) => {
    let k = byRaw.get(raw);
    if (k === undefined) {
      k = searchKey(raw, known, learnt);
      byRaw.set(raw, k);
    }
    return k;
  };
}

export function searchKeysFor(item: CatalogItem, known?: PinyinTable, learnt?: Map<string, string>): SearchKeys {
  return searchKeysWith(item, keyMaker(known, learnt));
}

/** An item's search keys, made by `key` (one keyMaker per catalog load). */
export function searchKeysWith(item: CatalogItem, key: (raw: string) => SearchKey): SearchKeys {
  return {
    name: key(item.name.zh),
    keywords: item.keywords.map(key),
    materials: item.materials.map((m) => key(m.name.zh)),
    department: key(item.department.zh),
  };
}

/** The table of every searchable text of these items, as the catalog build ships it (sorted: a stable file). */
export function pinyinTableFor(items: readonly CatalogItem[]): Record<string, string> {
  const out = new Map<string, string>();
  for (const item of items) {
    const k = searchKeysFor(item);
    for (const key of [k.name, ...k.keywords, ...k.materials, k.department]) out.set(key.text, key.pinyin);
  }
  return Object.fromEntries([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Where the table of a catalog file is shipped: beside it. */
export const pinyinTablePath = (catalogPath: string): string => catalogPath.replace(/(\.json)?$/, '.pinyin.json');

/** The shipped table, or an empty one when it is missing or unreadable (then every key is computed: slower, never wrong). */
export function loadPinyinTable(path: string): PinyinTable {
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as { keys?: unknown };
    const keys = json.keys;
    if (!keys || typeof keys !== 'object') return new Map();
    return new Map(Object.entries(keys).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return new Map();
  }
}
