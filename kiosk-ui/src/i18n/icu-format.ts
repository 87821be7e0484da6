import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/**
 * Formats a message parsed at build time (scripts/build/icu-messages.ts) the
 * way intl-messageformat does, for the element kinds the locale files use:
 * text, `{arg}`, `{n, number}`, `{n, plural, …}` (`=N` first, then the
 * language's CLDR rule from Intl.PluralRules, `#` as the count), `{x, select, …}`.
 * The build refuses any other kind (dates, times, tags, named number styles),
 * so the page does not carry intl-messageformat's general formatter.
 * tests/kiosk-ui/i18n/plurals.test.ts compares every message with intl-messageformat.
 */
type Params = Record<string, string | number>;

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function rules(locale: string, type: Intl.PluralRulesOptions['type']): Intl.PluralRules {
  const id = `${locale}\u0000${type}`;
  let r = pluralRules.get(id);
  if (!r) {
    r = new Intl.PluralRules(locale, { type });
    pluralRules.set(id, r);
  }
  return r;
}

function numberFormat(locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${locale}\u0000${JSON.stringify(options ?? {})}`;
  let f = numberFormats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    numberFormats.set(id, f);
  }
  return f;
}

export function formatIcu(ast: readonly MessageFormatElement[], locale: string, params: Params, count?: number): string {
  let out = '';
  for (const el of ast) {
    switch (el.type) {
      case 0:
        out += el.value;
        break;
      case 7:
        out += count === undefined ? '#' : numberFormat(locale).format(count);
        break;
      case 1:
        out += el.value in params ? String(params[el.value]) : `{${el.value}}`;
        break;
      case 2: {
        const v = params[el.value];
        const style = el.style && typeof el.style === 'object' ? (el.style.parsedOptions as Intl.NumberFormatOptions) : undefined;
        out += typeof v === 'number' ? numberFormat(locale, style).format(v) : v === undefined ? `{${el.value}}` : String(v);
        break;
      }
      case 5: {
        const option = el.options[String(params[el.value])] ?? el.options.other;
        if (option) out += formatIcu(option.value, locale, params, count);
        break;
      }
      case 6: {
        const v = Number(params[el.value]);
        const n = v - el.offset;
        const option = el.options[`=${v}`] ?? el.options[rules(locale, el.pluralType).select(n)] ?? el.options.other;
        if (option) out += formatIcu(option.value, locale, params, n);
        break;
      }
      default:
        throw new Error(`ICU element of type ${el.type} is not formatted in the page`);
    }
  }
  return out;
}
