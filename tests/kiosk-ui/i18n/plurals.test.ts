import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { addJourneyStrings, addMaintenanceStrings, loadEnglish, localeTables, translate } from '../../../kiosk-ui/src/i18n';
import { maintenanceEn, maintenanceZh } from '../../../kiosk-ui/src/i18n/parts/maintenance';
import { journeyEn, journeyZh } from '../../../kiosk-ui/src/i18n/parts/journeys';

// The English strings of the first screens load after the page's first paint (i18n loadEnglish), as the page does.
await loadEnglish();

addJourneyStrings({ zh: journeyZh, en: journeyEn });
addMaintenanceStrings({ zh: maintenanceZh, en: maintenanceEn });

/** Arguments that carry a count: in English a number next to a noun needs the language's plural rule. */
const COUNTS = /^(count|seconds|minutes|days|copies|originals|rows|items|cases|n)$/;

describe('English counts follow plural rules (ICU MessageFormat), never hand-made', () => {
  const { en } = localeTables();

  it('no message words a plural by hand: no "(s)", no count pasted in front of a noun', () => {
    const handMade: string[] = [];
    for (const [key, text] of Object.entries(en)) {
      if (/\((s|es|ies)\)/.test(text)) handMade.push(`${key}: ${text}`);
      // A plain {count} (not inside an ICU plural) in a sentence: "1 copies", "has 1 cases". A message that is only the number is fine.
      for (const m of text.matchAll(/\{(\w+)\}/g)) if (COUNTS.test(m[1]!) && text.trim() !== m[0]) handMade.push(`${key}: ${text}`);
    }
    expect(handMade).toEqual([]);
  });

  it('one and many are worded by the rule', () => {
    expect(translate('en', 'materials.counts', { originals: 1, copies: 1 })).toBe('(1 original, 1 copy)');
    expect(translate('en', 'materials.counts', { originals: 1, copies: 2 })).toBe('(1 original, 2 copies)');
    expect(translate('en', 'materials.counts', { originals: 1, copies: 0 })).toBe('(1 original, no copies)');
    expect(translate('en', 'guide.copies', { count: 1 })).toBe('1 copy');
    expect(translate('en', 'progress.listIntro', { name: 'L**', count: 1 })).toBe('L** has 1 case; tap one to see its progress:');
    expect(translate('en', 'progress.listIntro', { name: 'L**', count: 3 })).toBe('L** has 3 cases; tap one to see its progress:');
    expect(translate('en', 'idle.body', { seconds: 1 })).toContain('in 1 second.');
    expect(translate('zh-CN', 'materials.counts', { originals: 1, copies: 2 })).toBe('（原件 1 份，复印件 2 份）');
  });
});

describe('the page formats its ICU messages without a message parser', () => {
  it('every plural, select and number message of both languages is parsed at build time and formats with the parser gone', () => {
    const ICU = /\{\s*\w+\s*,\s*(plural|selectordinal|select|number)\s*,/;
    const tables = localeTables();
    const parser = IntlMessageFormat.__parse;
    // Without the parser intl-messageformat could not format a message text: the page's translate() must not need it.
    IntlMessageFormat.__parse = undefined;
    try {
      let icu = 0;
      for (const locale of ['zh-CN', 'en'] as const) {
        for (const [key, text] of Object.entries(tables[locale])) {
          if (!ICU.test(text)) continue;
          icu++;
          const params = Object.fromEntries([...text.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => [m[1]!, 2]));
          const out = translate(locale, key as never, params);
          expect(out, `${locale} ${key}`).not.toBe(text);
          expect(out, `${locale} ${key}`).not.toMatch(/[{}]/);
        }
      }
      expect(icu).toBeGreaterThanOrEqual(10);
    } finally {
      IntlMessageFormat.__parse = parser;
    }
  });
});

describe("the page's ICU formatter (i18n/icu-format.ts) words every message as intl-messageformat does", () => {
  it('every plural, select and number message of both languages, for counts 0, 1, 2, 5, 21 and 1000', () => {
    const ICU = /\{\s*\w+\s*,\s*(plural|selectordinal|select|number)\s*,/;
    const tables = localeTables();
    let compared = 0;
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const [key, text] of Object.entries(tables[locale])) {
        if (!ICU.test(text)) continue;
        for (const n of [0, 1, 2, 5, 21, 1000]) {
          const params = Object.fromEntries([...text.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => [m[1]!, n]));
          expect(translate(locale, key as never, params), `${locale} ${key} ${n}`).toBe(String(new IntlMessageFormat(text, locale).format(params)));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(60);
  });
});
