import { IntlMessageFormat } from 'intl-messageformat';
import parsedMessages from 'virtual:icu-messages';
import { lookup, type Locale, type MessageKey } from './tables';

// The tables live apart from the formatting so that code outside the page
// (the soak's journeys, run by tsx without Vite) can read them without the
// build-time parsed messages.
export { addJourneyStrings, addMaintenanceStrings, localeTables, type Locale, type MessageKey } from './tables';

/** A message with ICU plural, select or number formatting: counts are worded by the language's own rules (CLDR), never by hand. */
const ICU = /\{\s*\w+\s*,\s*(plural|selectordinal|select|number)\s*,/;
const formatters = new Map<string, IntlMessageFormat>();

/**
 * Look a string up in the locale tables. Plain `{name}` placeholders are
 * filled from params (a missing one stays visible as `{name}`); a message
 * with ICU arguments (`{count, plural, one {# copy} other {# copies}}`) is
 * formatted by intl-messageformat with the locale's plural rules.
 */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = lookup(locale, key);
  if (ICU.test(text)) {
    const id = `${locale}\u0000${key}`;
    let f = formatters.get(id);
    if (!f) {
      // Parsed at build time (scripts/build/icu-messages.ts): the page carries no message parser.
      const ast = parsedMessages[text];
      if (!ast) return text;
      f = new IntlMessageFormat(ast, locale);
      formatters.set(id, f);
    }
    return String(f.format(params));
  }
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}
