import { describe, expect, it } from 'vitest';
import { createEnglishSearcher } from '../../../kiosk-ui/src/catalog/english-search';
import { loadShipped } from '../../helpers/catalog';

// English mode searches the shipped catalog's English names, category names
// and summaries: the words a foreign resident types find things.
const loaded = loadShipped().current()!;
const categoryEn = new Map(loaded.categories.map((c) => [c.id, c.name.en]));
const items = loaded.items.map((i) => i.item);
const english = createEnglishSearcher(items.map((i) => ({ id: i.id, name: i.name.en, category: categoryEn.get(i.category) ?? '', summary: i.summaryEn, frequent: i.frequent })));
const byId = new Map(items.map((i) => [i.id, i]));
const textOf = (id: string) => `${byId.get(id)!.name.en} ${categoryEn.get(byId.get(id)!.category)} ${byId.get(id)!.summaryEn}`.toLowerCase();

describe('English search over the shipped catalog', () => {
  it.each(['residence', 'pension', 'permit'])('"%s" finds the items that say it, every hit containing the word', (word) => {
    const r = english(word);
    expect(r.total).toBeGreaterThan(0);
    expect(r.hits).toHaveLength(r.total);
    for (const h of r.hits) expect(textOf(h.id)).toMatch(new RegExp(`\\b${word}`));
  });

  it('a word in the name ranks above one only in the summary', () => {
    const r = english('pension');
    const inName = r.hits.findIndex((h) => h.field === 'summary');
    if (inName >= 0) expect(r.hits.slice(0, inName).every((h) => h.field === 'name')).toBe(true);
    expect(r.hits[0]!.field).toBe('name');
    expect(byId.get(r.hits[0]!.id)!.name.en.toLowerCase()).toContain('pension');
  });

  it('every word must match (a prefix of a word: "pens" is pension), any case; nothing for nonsense or one letter', () => {
    expect(english('PENS').hits.map((h) => h.id)).toEqual(english('pension').hits.map((h) => h.id));
    const both = english('pension certificate').hits;
    for (const h of both) {
      expect(textOf(h.id)).toMatch(/\bpension/);
      expect(textOf(h.id)).toMatch(/\bcertificate/);
    }
    expect(both.length).toBeLessThanOrEqual(english('pension').total);
    expect(english('xyzzyq').total).toBe(0);
    expect(english('p').total).toBe(0);
  });
});
