import type { SearchKey } from '../../../contract/catalog/catalog-schema';
import { buildIndex, createSearcher } from './search';

// The pinyin candidate bar: letters typed on the terminal's keyboard (full
// pinyin, initials, or a mix: "sbzm", "shebao") offer the catalog's own words
// (its keywords and item names, with the readings the daemon ships with the
// catalog) to pick, so a resident who knows the words but not how to spell
// them in hanzi picks 社保证明 rather than searching letters. The same matcher
// as the search, over words instead of items.

const EMPTY: SearchKey = { text: '', pinyin: '' };
const HANZI = /\p{Script=Han}/u;

/** Candidate words for typed letters, best first (exact reading, then starts with, then contains; shorter words first among equals). */
export function createCandidates(words: SearchKey[], max = 10): (letters: string) => string[] {
  const unique = [...new Map(words.filter((w) => HANZI.test(w.text)).map((w) => [w.text, w])).values()];
  const index = buildIndex(unique.map((w, i) => ({ id: String(i), search: { name: w, keywords: [], materials: [], department: EMPTY } })));
  const search = createSearcher(index, { limit: unique.length });
  return (letters) => {
    const q = letters.trim().toLowerCase();
    if (!/^[a-z][a-z ']*$/.test(q)) return [];
    const hits = search(q).hits;
    // Words the letters start (or spell whole) before words they only occur inside.
    const starts = hits.filter((h) => h.quality !== 'infix');
    return (starts.length > 0 ? starts : hits)
      .map((h, order) => ({ text: unique[Number(h.id)]!.text, order }))
      .sort((a, b) => a.text.length - b.text.length || a.order - b.order)
      .slice(0, max)
      .map((c) => c.text);
  };
}
