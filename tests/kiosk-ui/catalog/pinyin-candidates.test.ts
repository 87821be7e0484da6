import { describe, expect, it } from 'vitest';
import { createCandidates } from '../../../kiosk-ui/src/catalog/pinyin-candidates';
import { loadShipped } from '../../helpers/catalog';

// The candidate bar over the shipped catalog's names and keywords, with the
// readings the daemon builds for them.
const items = loadShipped().current()!.items;
const candidates = createCandidates(items.flatMap((i) => [i.search.name, ...i.search.keywords]));

describe('pinyin candidates from the catalog words', () => {
  it('initials offer the words they spell, shortest first', () => {
    expect(candidates('sbzm')).toContain('社保证明');
    expect(candidates('cbzm')[0]).toBe('参保证明');
  });

  it('full pinyin and a mix of full and initials', () => {
    expect(candidates('yanglao').every((w) => w.startsWith('养老'))).toBe(true);
    expect(candidates('yanglao').length).toBeGreaterThan(0);
    expect(candidates('shebaoz')).toContain('社保证明');
  });

  it('only catalog words, at most ten; nothing for digits, hanzi or letters that spell nothing', () => {
    const words = new Set(items.flatMap((i) => [i.search.name.text, ...i.search.keywords.map((k) => k.text)]));
    for (const w of candidates('s')) expect(words.has(w)).toBe(true);
    expect(candidates('s').length).toBeLessThanOrEqual(10);
    expect(candidates('123')).toEqual([]);
    expect(candidates('社保')).toEqual([]);
    expect(candidates('qqqqxx')).toEqual([]);
  });
});
