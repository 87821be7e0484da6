import zhBase from './zh-CN.json';
import enBase from './en.json';
import { enParts, zhParts } from './parts';

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

/** One table per language; a key defined twice (base and a part, or two parts) is refused at start-up. */
function build(locale: Locale, base: object, parts: readonly object[]): Record<MessageKey, string> {
  const table: Record<string, string> = { ...(base as Record<string, string>) };
  for (const strings of parts) {
    for (const [k, v] of Object.entries(strings as Record<string, string>)) {
      if (k in table) throw new Error(`locale key ${k} defined twice (${locale})`);
      table[k] = v;
    }
  }
  // Typed by the files it was built from (the key sets are checked above).
  return table as Record<MessageKey, string>;
}

const tables: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': build('zh-CN', zhBase, zhParts), en: build('en', enBase, enParts) };

/** Look a string up in the locale tables; `{name}` placeholders are filled from params. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = tables[locale][key] ?? tables['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

export function localeTables(): Record<Locale, Record<string, string>> {
  return tables;
}
