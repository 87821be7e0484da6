import { describe, expect, it } from 'vitest';
import { addJourneyStrings, localeTables, translate } from '../../../kiosk-ui/src/i18n';
import { journeyEn, journeyZh } from '../../../kiosk-ui/src/i18n/parts/journeys';

addJourneyStrings({ zh: journeyZh, en: journeyEn });

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
