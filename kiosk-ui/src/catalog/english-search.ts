// English search for English mode: a resident types English words
// (residence, pension, permit) and finds the items whose English name, category
// or summary has them. Each query word must start a word of the item's text
// (so "permit" finds "permits", "pens" finds "pension"); words in the name
// count most, then the category's name, then the summary. No stemming
// dictionary: prefixes cover the plurals and -ing/-ed forms residents type.

export interface EnglishDoc {
  id: string;
  name: string;
  category: string;
  summary: string;
  frequent?: boolean;
}

export interface EnglishHit {
  id: string;
  field: 'name' | 'summary';
}

const WEIGHTS = { name: 100, category: 10, summary: 1 } as const;

const wordsOf = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** The documents' words, once: a query is matched against these lists, per keystroke. */
export function createEnglishSearcher(docs: EnglishDoc[]): (query: string) => { hits: EnglishHit[]; total: number } {
  const compiled = docs.map((d, order) => ({ d, order, name: wordsOf(d.name), category: wordsOf(d.category), summary: wordsOf(d.summary) }));
  return (query) => {
    const terms = wordsOf(query).filter((w) => w.length >= 2);
    if (terms.length === 0) return { hits: [], total: 0 };
    const scored: Array<{ id: string; score: number; inName: boolean; order: number; frequent: boolean }> = [];
    for (const c of compiled) {
      let score = 0;
      let inName = true;
      for (const term of terms) {
        const starts = (list: string[]) => list.some((w) => w.startsWith(term));
        const s = starts(c.name) ? WEIGHTS.name : starts(c.category) ? WEIGHTS.category : starts(c.summary) ? WEIGHTS.summary : 0;
        if (s === 0) {
          score = 0;
          break;
        }
        if (s !== WEIGHTS.name) inName = false;
        score += s;
      }
      if (score > 0) scored.push({ id: c.d.id, score, inName, order: c.order, frequent: !!c.d.frequent });
    }
    scored.sort((a, b) => b.score - a.score || Number(b.frequent) - Number(a.frequent) || a.order - b.order);
    return { hits: scored.map((s) => ({ id: s.id, field: s.inName ? 'name' : 'summary' })), total: scored.length };
  };
}
