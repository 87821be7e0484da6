import type { SearchKey, SearchKeys } from '../../../device-daemon/catalog/catalog-schema';

// Catalog search for the on-screen keyboard: hanzi, full pinyin without tones
// (spaces optional), initials (`sbcx`), or a mix (`shebcx`, `社bao`). Pure and
// dictionary-free: the daemon ships every character's readings with the
// catalog (device-daemon/catalog/search-keys.ts), this module only matches.
//
// Ranking, in order: the field that matched (name > keyword > material >
// department), then exact > prefix > infix, then frequent items, then
// catalog order.

export type MatchField = 'name' | 'keyword' | 'material' | 'department';
export type MatchQuality = 'exact' | 'prefix' | 'infix';

export interface SearchHit {
  id: string;
  field: MatchField;
  quality: MatchQuality;
  /** Higher is better; only meaningful for comparing hits of one query. */
  score: number;
  /** Which keyword/material matched (index into the item's list). */
  index?: number;
  /** Matched characters [start, end) of the name, for highlighting (name matches only). */
  range?: [number, number];
}

export interface SearchResult {
  query: string;
  hits: SearchHit[];
  /** Matches before the limit was applied. */
  total: number;
}

export interface SearchDoc {
  id: string;
  search: SearchKeys;
  frequent?: boolean;
}

interface Field {
  text: string;
  /** Readings per character; [] for punctuation. */
  slots: string[][];
  chars: string[];
  /** Bit per letter a–z that starts a reading somewhere in the field. */
  heads: number;
  hasLatin: boolean;
  /** Index of the first and last slot that has a reading. */
  first: number;
  last: number;
}

interface Doc {
  id: string;
  frequent: boolean;
  /** Fields in rank order: name, keywords, materials, department. */
  fields: Array<{ field: MatchField; index: number; f: Field }>;
}

export interface SearchIndex {
  docs: Doc[];
}

const FIELD_TIER: Record<MatchField, number> = { name: 3, keyword: 2, material: 1, department: 0 };
const QUALITY_RANK: Record<MatchQuality, number> = { exact: 2, prefix: 1, infix: 0 };
const MAX_SCORE = 3 * 3 + 2;

const isLetter = (c: number) => c >= 97 && c <= 122;

function compileField(k: SearchKey): Field {
  const chars = Array.from(k.text);
  const slots = k.pinyin.split(' ').map((s) => (s ? s.split('|') : []));
  let heads = 0;
  let first = -1;
  let last = -1;
  slots.forEach((readings, i) => {
    if (!readings.length) return;
    if (first < 0) first = i;
    last = i;
    for (const r of readings) {
      const c = r.charCodeAt(0);
      if (isLetter(c)) heads |= 1 << (c - 97);
    }
  });
  return { text: k.text, slots, chars, heads, hasLatin: /[a-z0-9]/.test(k.text), first, last };
}

/** Build once per catalog (cheap: string splits, no pinyin lookups). */
export function buildIndex(docs: SearchDoc[]): SearchIndex {
  return {
    docs: docs.map((d) => ({
      id: d.id,
      frequent: d.frequent ?? false,
      fields: [
        { field: 'name' as const, index: 0, f: compileField(d.search.name) },
        ...d.search.keywords.map((k, index) => ({ field: 'keyword' as const, index, f: compileField(k) })),
        ...d.search.materials.map((k, index) => ({ field: 'material' as const, index, f: compileField(k) })),
        { field: 'department' as const, index: 0, f: compileField(d.search.department) },
      ],
    })),
  };
}

/** What the resident typed → the form fields are matched in: lower case, half-width, no spaces or apostrophes, ü → v. */
export function normaliseQuery(q: string): string {
  return q
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/[\s'’·,，.。、\-_/()（）《》]+/g, '');
}

// ---- matching one field ----

// Failure memo for the run search: visited[(slot * (qLen + 1)) + pos] === stamp.
let visited = new Int32Array(1024);
let stamp = 0;

/**
 * Can q[pos..] be consumed by consecutive slots starting at `slot`, each slot
 * by one of its readings, whole or as its initial, the last one also by any
 * prefix (or a slot by its own character)?
 * Returns the slot after the last one used, or -1. With `toEnd`, only a run
 * that uses every slot up to f.last counts.
 */
function run(f: Field, q: string, slot: number, pos: number, toEnd: boolean): number {
  if (pos === q.length) return !toEnd || slot > f.last ? slot : -1;
  if (slot >= f.slots.length) return -1;
  const key = slot * (q.length + 1) + pos;
  if (visited[key] === stamp) return -1;
  const readings = f.slots[slot]!;
  let end = -1;
  if (readings.length === 0) {
    // Punctuation inside a run is skipped.
    end = run(f, q, slot + 1, pos, toEnd);
  } else {
    const qc = q.charCodeAt(pos);
    if (!isLetter(qc)) {
      if (q[pos] === f.chars[slot]) end = run(f, q, slot + 1, pos + 1, toEnd);
    } else {
      for (let r = 0; r < readings.length && end < 0; r++) {
        const reading = readings[r]!;
        // Longest common prefix of the reading and the rest of the query …
        let common = 0;
        while (common < reading.length && pos + common < q.length && reading.charCodeAt(common) === q.charCodeAt(pos + common)) common++;
        // … then try the longest use of this syllable first (full pinyin), down to its initial.
        // Inside the query a syllable is typed whole or as its initial (c, ch); only where the
        // query ends may it be cut anywhere (the resident is still typing it).
        const initial = reading.length > 1 && reading.charCodeAt(1) === 104 /* h */ && 'zcs'.includes(reading[0]!) ? 2 : 1;
        for (let k = common; k >= 1 && end < 0; k--) {
          if (k === reading.length || k === 1 || k === initial || pos + k === q.length) end = run(f, q, slot + 1, pos + k, toEnd);
        }
      }
    }
  }
  if (end < 0) visited[key] = stamp;
  return end;
}

interface FieldMatch {
  quality: MatchQuality;
  range: [number, number];
}

function matchField(f: Field, q: string, qFirstLetter: number, qHasLetter: boolean, qAllLetters: boolean): FieldMatch | null {
  // Literal match (hanzi, digits, latin in the text).
  if (!qAllLetters || f.hasLatin) {
    const at = f.text.indexOf(q);
    if (at >= 0) {
      const quality: MatchQuality = at === 0 ? (q.length === f.text.length ? 'exact' : 'prefix') : 'infix';
      return { quality, range: [at, at + q.length] };
    }
  }
  if (!qHasLetter || f.first < 0) return null;
  if (qFirstLetter >= 0 && !(f.heads & (1 << qFirstLetter))) return null;
  const need = (f.slots.length + 1) * (q.length + 1);
  if (visited.length < need) visited = new Int32Array(need * 2);
  stamp++;
  if (stamp === 0x7fffffff) {
    visited.fill(0);
    stamp = 1;
  }
  const first = q.charCodeAt(0);
  for (let s = f.first; s <= f.last; s++) {
    const readings = f.slots[s]!;
    if (!readings.length) continue;
    if (isLetter(first) ? !readings.some((r) => r.charCodeAt(0) === first) : q[0] !== f.chars[s]) continue;
    const end = run(f, q, s, 0, false);
    if (end < 0) continue;
    if (s === f.first) {
      stamp++;
      const full = run(f, q, s, 0, true);
      if (full >= 0) return { quality: 'exact', range: [s, full] };
      return { quality: 'prefix', range: [s, end] };
    }
    return { quality: 'infix', range: [s, end] };
  }
  return null;
}

// ---- searching ----

export interface SearchOptions {
  /** Hits returned (all matches are still counted in total). Default 50. */
  limit?: number;
}

interface Scored {
  doc: number;
  hit: SearchHit;
}

function searchDocs(index: SearchIndex, q: string, candidates: Iterable<number>, matched: number[], opts: SearchOptions): SearchResult {
  const limit = opts.limit ?? 50;
  const firstCode = q.charCodeAt(0);
  const qFirstLetter = isLetter(firstCode) ? firstCode - 97 : -1;
  let qHasLetter = false;
  let qAllLetters = true;
  for (let i = 0; i < q.length; i++) {
    if (isLetter(q.charCodeAt(i))) qHasLetter = true;
    else qAllLetters = false;
  }
  // Buckets by score (and frequent) keep the ranking O(n): within a bucket, catalog order.
  const buckets: Scored[][] = Array.from({ length: (MAX_SCORE + 1) * 2 }, () => []);
  let total = 0;
  for (const di of candidates) {
    const doc = index.docs[di]!;
    let best: SearchHit | null = null;
    let bestTier = -1;
    for (const { field, index: fi, f } of doc.fields) {
      const tier = FIELD_TIER[field];
      // Fields come in tier order: a lower tier can no longer beat what we have.
      if (best && tier < bestTier) break;
      const m = matchField(f, q, qFirstLetter, qHasLetter, qAllLetters);
      if (!m) continue;
      const score = tier * 3 + QUALITY_RANK[m.quality];
      if (!best || score > best.score) {
        best = { id: doc.id, field, quality: m.quality, score, ...(field === 'name' ? { range: m.range } : { index: fi }) };
        bestTier = tier;
        if (m.quality === 'exact') break;
      }
    }
    if (!best) continue;
    total++;
    matched.push(di);
    buckets[best.score * 2 + (doc.frequent ? 1 : 0)]!.push({ doc: di, hit: best });
  }
  const hits: SearchHit[] = [];
  for (let b = buckets.length - 1; b >= 0 && hits.length < limit; b--) {
    for (const s of buckets[b]!) {
      if (hits.length >= limit) break;
      hits.push(s.hit);
    }
  }
  return { query: q, hits, total };
}

/** One search over the whole index. */
export function search(index: SearchIndex, query: string, opts: SearchOptions = {}): SearchResult {
  const q = normaliseQuery(query);
  if (!q) return { query: q, hits: [], total: 0 };
  return searchDocs(index, q, index.docs.keys(), [], opts);
}

/**
 * Per-keystroke search: when the new query extends the previous one, only the
 * previous matches can match (every match kind is closed under shortening the
 * query), so each keystroke narrows instead of rescanning.
 */
export function createSearcher(index: SearchIndex, opts: SearchOptions = {}) {
  let lastQuery = '';
  let lastMatched: number[] | null = null;
  return (query: string): SearchResult => {
    const q = normaliseQuery(query);
    if (!q) {
      lastQuery = '';
      lastMatched = null;
      return { query: q, hits: [], total: 0 };
    }
    const narrowing = lastMatched !== null && lastQuery !== '' && q.startsWith(lastQuery);
    const matched: number[] = [];
    const result = searchDocs(index, q, narrowing ? lastMatched! : index.docs.keys(), matched, opts);
    lastQuery = q;
    lastMatched = matched;
    return result;
  };
}
