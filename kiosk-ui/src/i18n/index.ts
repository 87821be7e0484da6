/// <reference types="vite/client" />
import zh from './zh-CN.json';
import en from './en.json';

export type Locale = 'zh-CN' | 'en';
/** Keys of the base file; journeys add theirs in parts/<journey>.<locale>.json (one file per journey, so parallel work never edits one big file). */
export type MessageKey = keyof typeof zh | (string & {});

// Every parts/<name>.zh-CN.json has its parts/<name>.en.json twin; both
// locales must end up with the same keys (tests/unit/locales.test.ts).
const parts = import.meta.glob<Record<string, string>>('./parts/*.json', { eager: true, import: 'default' });

function build(locale: Locale, base: Record<string, string>): Record<string, string> {
  const table: Record<string, string> = { ...base };
  for (const [path, strings] of Object.entries(parts)) {
    if (!path.endsWith(`.${locale}.json`)) continue;
    for (const [k, v] of Object.entries(strings)) {
      if (k in table) throw new Error(`locale key ${k} defined twice (${path})`);
      table[k] = v;
    }
  }
  return table;
}

const tables: Record<Locale, Record<string, string>> = { 'zh-CN': build('zh-CN', zh), en: build('en', en) };

/** Look a string up in the locale tables; `{name}` placeholders are filled from params. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = tables[locale][key] ?? tables['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

export function localeTables(): Record<Locale, Record<string, string>> {
  return tables;
}
