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
  chars: string[];
  /** Readings of all slots, flattened; slot i owns readings[slotStart[i] .. slotStart[i + 1]). Punctuation owns none. */
  readings: string[];
  slotStart: Int32Array;
  /** Per slot: bit per letter a–z that starts one of its readings. */
  slotHeads: Int32Array;
  /** Union of slotHeads. */
  heads: number;
  /** Bit per letter a–z found anywhere in the readings (a query letter outside it cannot match). */
  letters: number;
  hasLatin: boolean;
  /** Index of the first and last slot that has a reading. */
  first: number;
  last: number;
}

interface Doc {
  id: string;
  frequent: boolean;
  /** Fields in rank order: name, keywords, materials, department; with their tier and list index. */
  fields: Field[];
  tiers: MatchField[];
  idx: number[];
}

interface Precomputed {
  /** Every match, best first. */
  hits: SearchHit[];
  /** Matching docs in catalog order (what the next keystroke narrows from). */
  matched: number[];
}

export interface SearchIndex {
  docs: Doc[];
  /**
   * Docs (ascending) per two-character start a match can begin with: the first
   * two letters of a reading ("sh" of shi) or the starts of two consecutive
   * characters ("s"+"b" of 社保). A query whose first two characters are
   * letters or digits only needs to look at these docs.
   */
  pairs: Map<string, number[]>;
  /** Answers to one-character queries (the first keystroke), computed with the index. */
  single: Map<string, Precomputed>;
}

const FIELD_TIER: Record<MatchField, number> = { name: 3, keyword: 2, material: 1, department: 0 };
const QUALITY_RANK: Record<MatchQuality, number> = { exact: 2, prefix: 1, infix: 0 };
const MAX_SCORE = 3 * 3 + 2;

const isLetter = (c: number) => c >= 97 && c <= 122;

function letterMask(str: string): number {
  let m = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (isLetter(c)) m |= 1 << (c - 97);
  }
  return m;
}

function compileField(k: SearchKey): Field {
  const chars = Array.from(k.text);
  const slots = k.pinyin.split(' ');
  const readings: string[] = [];
  const slotStart = new Int32Array(slots.length + 1);
  const slotHeads = new Int32Array(slots.length);
  let heads = 0;
  let letters = 0;
  let first = -1;
  let last = -1;
  slots.forEach((slot, i) => {
    slotStart[i] = readings.length;
    if (!slot) return;
    if (first < 0) first = i;
    last = i;
    for (const r of slot.split('|')) {
      readings.push(r);
      const c = r.charCodeAt(0);
      if (isLetter(c)) slotHeads[i]! |= 1 << (c - 97);
      letters |= letterMask(r);
    }
    heads |= slotHeads[i]!;
  });
  slotStart[slots.length] = readings.length;
  return { text: k.text, chars, readings, slotStart, slotHeads, heads, letters, hasLatin: /[a-z0-9]/.test(k.text), first, last };
}

const isLatinOrDigit = (c: number) => isLetter(c) || (c >= 48 && c <= 57);
const KEYBOARD = 'abcdefghijklmnopqrstuvwxyz0123456789';

function addPairs(f: Field, into: Set<string>) {
  let prevHeads: string[] = [];
  for (let s = f.first; s >= 0 && s <= f.last; s++) {
    const r0 = f.slotStart[s]!;
    const r1 = f.slotStart[s + 1]!;
    if (r0 === r1) continue; // punctuation: runs skip it
    const heads: string[] = [];
    for (let r = r0; r < r1; r++) {
      const reading = f.readings[r]!;
      heads.push(reading[0]!);
      if (reading.length >= 2) into.add(reading.slice(0, 2));
    }
    for (const a of prevHeads) for (const b of heads) into.add(a + b);
    prevHeads = heads;
  }
}

/** Build once per catalog (string splits and one scan per keyboard key; no pinyin lookups). */
export function buildIndex(docs: SearchDoc[]): SearchIndex {
  const pairs = new Map<string, number[]>();
  const compiled: Doc[] = docs.map((d, di) => {
    const fields = [d.search.name, ...d.search.keywords, ...d.search.materials, d.search.department].map(compileField);
    const tiers: MatchField[] = ['name', ...d.search.keywords.map(() => 'keyword' as const), ...d.search.materials.map(() => 'material' as const), 'department'];
    const idx = [0, ...d.search.keywords.map((_, i) => i), ...d.search.materials.map((_, i) => i), 0];
    const keys = new Set<string>();
    for (const f of fields) addPairs(f, keys);
    for (const k of keys) {
      const list = pairs.get(k);
      if (list) list.push(di);
      else pairs.set(k, [di]);
    }
    return { id: d.id, frequent: d.frequent ?? false, fields, tiers, idx };
  });
  const index: SearchIndex = { docs: compiled, pairs, single: new Map() };
  for (const key of KEYBOARD) {
    const matched: number[] = [];
    const hits = searchDocs(index, key, compiled.keys(), matched, Infinity).hits;
    index.single.set(key, { hits, matched });
  }
  return index;
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
  if (slot > f.last) return -1;
  const key = slot * (q.length + 1) + pos;
  if (visited[key] === stamp) return -1;
  const r0 = f.slotStart[slot]!;
  const r1 = f.slotStart[slot + 1]!;
  let end = -1;
  if (r0 === r1) {
    // Punctuation inside a run is skipped.
    end = run(f, q, slot + 1, pos, toEnd);
  } else {
    const qc = q.charCodeAt(pos);
    if (!isLetter(qc)) {
      if (q[pos] === f.chars[slot]) end = run(f, q, slot + 1, pos + 1, toEnd);
    } else if (f.slotHeads[slot]! & (1 << (qc - 97))) {
      for (let r = r0; r < r1 && end < 0; r++) {
        const reading = f.readings[r]!;
        if (reading.charCodeAt(0) !== qc) continue;
        // Longest common prefix of the reading and the rest of the query …
        let common = 1;
        while (common < reading.length && pos + common < q.length && reading.charCodeAt(common) === q.charCodeAt(pos + common)) common++;
        // … then try the longest use of this syllable first (full pinyin), down to its initial.
        // Inside the query a syllable is typed whole or as its initial (c, ch); only where the
        // query ends may it be cut anywhere (the resident is still typing it).
        const initial = reading.length > 1 && reading.charCodeAt(1) === 104 /* h */ && (qc === 122 || qc === 99 || qc === 115) ? 2 : 1;
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

interface Query {
  q: string;
  /** Bit of the first character when it is a letter, else 0. */
  firstBit: number;
  /** Letters of the query as a bit set. */
  letters: number;
  hasLetter: boolean;
  allLetters: boolean;
}

function compileQuery(q: string): Query {
  let hasLetter = false;
  let allLetters = true;
  for (let i = 0; i < q.length; i++) {
    if (isLetter(q.charCodeAt(i))) hasLetter = true;
    else allLetters = false;
  }
  const c = q.charCodeAt(0);
  return { q, firstBit: isLetter(c) ? 1 << (c - 97) : 0, letters: letterMask(q), hasLetter, allLetters };
}

function matchField(f: Field, Q: Query): FieldMatch | null {
  const q = Q.q;
  // Literal match (hanzi, digits, latin in the text).
  if (!Q.allLetters || f.hasLatin) {
    const at = f.text.indexOf(q);
    if (at >= 0) {
      const quality: MatchQuality = at === 0 ? (q.length === f.text.length ? 'exact' : 'prefix') : 'infix';
      return { quality, range: [at, at + q.length] };
    }
  }
  if (!Q.hasLetter || f.first < 0) return null;
  // Every query letter must occur in some reading, and a letter query must start at a syllable.
  if ((f.letters & Q.letters) !== Q.letters) return null;
  if (Q.firstBit && !(f.heads & Q.firstBit)) return null;
  const need = (f.last + 2) * (q.length + 1);
  if (visited.length < need) visited = new Int32Array(need * 2);
  if (++stamp === 0x7fffffff) {
    visited.fill(0);
    stamp = 1;
  }
  for (let s = f.first; s <= f.last; s++) {
    if (Q.firstBit ? !(f.slotHeads[s]! & Q.firstBit) : q[0] !== f.chars[s]) continue;
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

function searchDocs(index: SearchIndex, q: string, candidates: Iterable<number>, matched: number[], limit: number): SearchResult {
  const Q = compileQuery(q);
  // Buckets by score (and frequent) keep the ranking O(n): within a bucket, catalog order.
  const buckets: Scored[][] = [];
  for (let b = 0; b < (MAX_SCORE + 1) * 2; b++) buckets.push([]);
  let total = 0;
  const docs = index.docs;
  for (const di of candidates) {
    const doc = docs[di]!;
    let bestScore = -1;
    let bestField = 0;
    let best: FieldMatch | null = null;
    const n = doc.fields.length;
    for (let fi = 0; fi < n; fi++) {
      const tier = FIELD_TIER[doc.tiers[fi]!];
      // Fields come in tier order: a lower tier can no longer beat what we have.
      if (best && tier * 3 + 2 < bestScore) break;
      const m = matchField(doc.fields[fi]!, Q);
      if (!m) continue;
      const score = tier * 3 + QUALITY_RANK[m.quality];
      if (score > bestScore) {
        bestScore = score;
        bestField = fi;
        best = m;
        if (m.quality === 'exact') break;
      }
    }
    if (!best) continue;
    total++;
    matched.push(di);
    const field = doc.tiers[bestField]!;
    const hit: SearchHit =
      field === 'name'
        ? { id: doc.id, field, quality: best.quality, score: bestScore, range: best.range }
        : { id: doc.id, field, quality: best.quality, score: bestScore, index: doc.idx[bestField]! };
    buckets[bestScore * 2 + (doc.frequent ? 1 : 0)]!.push({ doc: di, hit });
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

/** The docs that can match q at all: the precomputed pair list, or the previous keystroke's matches if fewer. */
function candidatesFor(index: SearchIndex, q: string, previous: number[] | null): Iterable<number> {
  let best: Iterable<number> = previous ?? index.docs.keys();
  let size = previous ? previous.length : index.docs.length;
  if (q.length >= 2 && isLatinOrDigit(q.charCodeAt(0)) && isLatinOrDigit(q.charCodeAt(1))) {
    const list = index.pairs.get(q.slice(0, 2)) ?? [];
    if (list.length < size) {
      best = list;
      size = list.length;
    }
  }
  return best;
}

function run1(index: SearchIndex, q: string, previous: number[] | null, matched: number[], limit: number): SearchResult {
  const pre = q.length === 1 ? index.single.get(q) : undefined;
  if (pre) {
    matched.push(...pre.matched);
    return { query: q, hits: pre.hits.slice(0, limit), total: pre.matched.length };
  }
  return searchDocs(index, q, candidatesFor(index, q, previous), matched, limit);
}

/** One search over the whole index. */
export function search(index: SearchIndex, query: string, opts: SearchOptions = {}): SearchResult {
  const q = normaliseQuery(query);
  if (!q) return { query: q, hits: [], total: 0 };
  return run1(index, q, null, [], opts.limit ?? 50);
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
    const result = run1(index, q, narrowing ? lastMatched : null, matched, opts.limit ?? 50);
    lastQuery = q;
    lastMatched = matched;
    return result;
  };
}
