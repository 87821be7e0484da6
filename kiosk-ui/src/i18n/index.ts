import zh from './zh-CN.json';
import en from './en.json';

export type Locale = 'zh-CN' | 'en';
export type MessageKey = keyof typeof zh;

// Both locale files must have the same keys; tests/unit/locales.test.ts checks it.
const tables: Record<Locale, Record<string, string>> = { 'zh-CN': zh, en };

/** Look a string up in the locale file; `{name}` placeholders are filled from params. */
export function translate(locale: Locale, key: MessageKey | string, params: Record<string, string | number> = {}): string {
  const text = tables[locale][key] ?? tables['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

export function localeTables(): Record<Locale, Record<string, string>> {
  return tables;
}
