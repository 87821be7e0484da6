import parsedMessages from 'virtual:icu-messages';
import { formatIcu } from './icu-format';
import { addEnglishStrings, lookup, type Locale, type MessageKey } from './tables';

// The tables live apart from the formatting so that code outside the page
// (the soak's journeys, run by tsx without Vite) can read them without the
// build-time parsed messages.
export { addJourneyStrings, addMaintenanceStrings, englishLoaded, localeTables, type Locale, type MessageKey } from './tables';

let english: Promise<void> | undefined;
/**
 * The page's first script carries the Chinese strings only; the English ones
 * come in their own chunk, loaded once the page has painted (kiosk-session.tsx,
 * with the journey's flows: the start area waits for both), before the first
 * paint only on a terminal whose default language is English (app.tsx).
 */
export function loadEnglish(): Promise<void> {
  english ??= import('./parts/english').then(
    (m) => addEnglishStrings(m.firstEnglish),
    (err: unknown) => {
      english = undefined;
      throw err;
    },
  );
  return english;
}

/** A message with ICU plural, select or number formatting: counts are worded by the language's own rules (CLDR), never by hand. */
const ICU = /\{\s*\w+\s*,\s*(plural|selectordinal|select|number)\s*,/;

/**
 * Look a string up in the locale tables. Plain `{name}` placeholders are
 * filled from params (a missing one stays visible as `{name}`); a message
 * with ICU arguments (`{count, plural, one {# copy} other {# copies}}`) is
 * formatted with the locale's plural rules (icu-format.ts).
 */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = lookup(locale, key);
  if (ICU.test(text)) {
    // Parsed at build time (scripts/build/icu-messages.ts): the page carries no message parser.
    const ast = parsedMessages[text];
    return ast ? formatIcu(ast, locale, params) : text;
  }
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}
