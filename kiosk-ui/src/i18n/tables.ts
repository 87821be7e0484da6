import zhBase from './zh-CN.json';
import type enBase from './en.json';
import type { enParts, zhParts } from './parts';
import { eagerZh } from './parts/eager';

export type Locale = 'zh-CN' | 'en';

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Strings<Base, Parts extends readonly object[]> = Base & UnionToIntersection<Parts[number]>;
type ZhStrings = Strings<typeof zhBase, typeof zhParts>;
type EnStrings = Strings<typeof enBase, typeof enParts>;

/**
 * Every key of the Chinese locale files (base + parts). A `t('…')` of a key
 * that does not exist is a type error.
 */
export type MessageKey = keyof ZhStrings & string;

/**
 * Both languages have the same keys, checked by the compiler: a key missing
 * in either file makes this object lack a required property, named in the error.
 */
const sameKeys: Record<Exclude<keyof ZhStrings, keyof EnStrings> | Exclude<keyof EnStrings, keyof ZhStrings>, never> = {};
void sameKeys;

/** Adds parts to a language's table; a key defined twice (base and a part, or two parts) is refused. */
function add(locale: Locale, table: Record<string, string>, parts: readonly object[]): void {
  for (const strings of parts) {
    for (const [k, v] of Object.entries(strings as Record<string, string>)) {
      if (k in table) throw new Error(`locale key ${k} defined twice (${locale})`);
      table[k] = v;
    }
  }
}

// Typed by the files they are built from (the key sets are checked above); the
// journeys' parts are added when their screens load (addJourneyStrings), the
// English strings of the first screens after the first paint (addEnglishStrings).
const tables = { 'zh-CN': { ...zhBase }, en: {} } as Record<Locale, Record<MessageKey, string>>;
add('zh-CN', tables['zh-CN'], eagerZh);

const lazyAdded = new Set<string>();

/** The English base file and eager parts (i18n/parts/english.ts), added once. */
export function addEnglishStrings(parts: readonly object[]): void {
  if (lazyAdded.has('english')) return;
  lazyAdded.add('english');
  add('en', tables.en, parts);
}

/** Whether the English strings of the first screens are in (before that an English lookup falls back to Chinese). */
export const englishLoaded = (): boolean => lazyAdded.has('english');
/** Strings of a part of the page that loads later (the journeys, maintenance mode), added once. */
function addLazyStrings(name: string, parts: { zh: readonly object[]; en: readonly object[] }): void {
  if (lazyAdded.has(name)) return;
  lazyAdded.add(name);
  add('zh-CN', tables['zh-CN'], parts.zh);
  add('en', tables.en, parts.en);
}

/** The journeys' strings, loaded with their screens (once). */
export function addJourneyStrings(parts: { zh: readonly object[]; en: readonly object[] }): void {
  addLazyStrings('journeys', parts);
}

/** Maintenance mode's strings, loaded with its screens at the technician's gesture (once). */
export function addMaintenanceStrings(parts: { zh: readonly object[]; en: readonly object[] }): void {
  addLazyStrings('maintenance', parts);
}

export function localeTables(): Record<Locale, Record<string, string>> {
  return tables;
}

/** The string of a key in a language, falling back to Chinese, then to the key itself. */
export function lookup(locale: Locale, key: MessageKey): string {
  return tables[locale][key] ?? tables['zh-CN'][key] ?? key;
}
