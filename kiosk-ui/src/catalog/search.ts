import type { SearchKey, SearchKeys } from '../../../contract/catalog/catalog-schema';

// Catalog search for the on-screen keyboard: hanzi, full pinyin without tones
// (spaces optional), initials (`sbcx`), or a mix (`shebcx`, `社bao`). Pure and
// dictionary-free: the daemon ships every character's readings with the
// catalog (device-daemon/catalog/search-keys.ts), this module only matches.
//
// Ranking, in order: the field that matched (name > keyword > material >
// department), then exact > prefix > infix, then frequent items, then
// catalog order.
//
// Speed (results update per keystroke): identical strings (materials such as
// 居民身份证, department names) are matched once per query, not once per item;
// a query is only tried on strings that contain its first two characters as a
// syllable start; one-character queries (the first keystroke) are answered
// from a table built with the index; and each keystroke that extends the
// query only re-tries the strings the previous keystroke matched.

type MatchField = 'name' | 'keyword' | 'material' | 'department';
type MatchQuality = 'exact' | 'prefix' | 'infix';

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

export interface SearchOptions {
  /** Hits returned (all matches are still counted in total). Default 50. */
  limit?: number;
}

/** One distinct searchable string, compiled. */
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
  /** Index of the first and last slot that has a reading, and how many have one. */
  first: number;
  last: number;
  syllables: number;
  /** Where the string is used: refDoc[k] is an item, refPos[k] the field's position in that item, refTier[k] its tier × 3. */
  refDoc: number[];
  refPos: number[];
  refTier: number[];
}

interface Doc {
  id: string;
  frequent: boolean;
  /** Per position (name, keywords…, materials…, department): its tier and index in its list. */
  tiers: MatchField[];
  idx: number[];
}

interface Answer {
  hits: SearchHit[];
  total: number;
  /** Fields that matched (what the next keystroke narrows from). */
  fields: number[];
}

export interface SearchIndex {
  docs: Doc[];
  fields: Field[];
  /**
   * Fields per two-character start a match can begin with: the first two
   * letters of a reading ("sh" of shi) or the starts of two consecutive
   * characters ("s"+"b" of 社保, "8"+"0" of 80).
   */
  pairs: Map<string, { fields: number[]; matches: Packed[] }>;
  /** pairs[k].matches hold each string's match of the query k (filled at the end of buildIndex). */
  pairsReady: boolean;
  /** Answers to one-character queries (the first keystroke), computed with the index. */
  single: Map<string, Answer>;
}

const FIELD_TIER: Record<MatchField, number> = { name: 3, keyword: 2, material: 1, department: 0 };
const BUCKETS = (3 * 3 + 2 + 1) * 2;
/** Keys of the on-screen keyboard. */
const KEYBOARD = 'abcdefghijklmnopqrstuvwxyz0123456789';

const isLetter = (c: number) => c >= 97 && c <= 122;
const isLatinOrDigit = (c: number) => isLetter(c) || (c >= 48 && c <= 57);

function letterMask(str: string): number {
  let m = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (isLetter(c)) m |= 1 << (c - 97);
  }
  return m;
}

function compileField(k: SearchKey): Field {
  const slots = k.pinyin.split(' ');
  const readings: string[] = [];
  const slotStart = new Int32Array(slots.length + 1);
  const slotHeads = new Int32Array(slots.length);
  let heads = 0;
  let letters = 0;
  let first = -1;
  let last = -1;
  let syllables = 0;
  slots.forEach((slot, i) => {
    slotStart[i] = readings.length;
    if (!slot) return;
    syllables++;
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
  return { text: k.text, chars: Array.from(k.text), readings, slotStart, slotHeads, heads, letters, hasLatin: /[a-z0-9]/.test(k.text), first, last, syllables, refDoc: [], refPos: [], refTier: [] };
}

/** Every two-character start of a possible match in f (see SearchIndex.pairs). */
function pairsOf(f: Field, into: Set<string>) {
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

/**
 * Build once per catalog: string splits, posting lists and the answer tables
 * for one- and two-key queries; no pinyin lookups. `tables: false` skips the
 * answer tables (only for measuring the matcher alone).
 */
export function buildIndex(docs: SearchDoc[], opts: { tables?: boolean } = {}): SearchIndex {
  const fields: Field[] = [];
  const byKey = new Map<string, number>();
  const compiled: Doc[] = docs.map((d, di) => {
    const keys = [d.search.name, ...d.search.keywords, ...d.search.materials, d.search.department];
    keys.forEach((k, pos) => {
      const key = `${k.text}\u0000${k.pinyin}`;
      let fi = byKey.get(key);
      if (fi === undefined) {
        fi = fields.push(compileField(k)) - 1;
        byKey.set(key, fi);
      }
      const f = fields[fi]!;
      f.refDoc.push(di);
      f.refPos.push(pos);
      f.refTier.push(3 * (pos === 0 ? FIELD_TIER.name : pos <= d.search.keywords.length ? FIELD_TIER.keyword : pos < keys.length - 1 ? FIELD_TIER.material : FIELD_TIER.department));
    });
    return {
      id: d.id,
      frequent: d.frequent ?? false,
      tiers: ['name', ...d.search.keywords.map(() => 'keyword' as const), ...d.search.materials.map(() => 'material' as const), 'department'],
      idx: [0, ...d.search.keywords.map((_, i) => i), ...d.search.materials.map((_, i) => i), 0],
    };
  });
  const pairs = new Map<string, { fields: number[]; matches: Packed[] }>();
  fields.forEach((f, fi) => {
    const keys = new Set<string>();
    pairsOf(f, keys);
    for (const k of keys) {
      const list = pairs.get(k);
      if (list) list.fields.push(fi);
      else pairs.set(k, { fields: [fi], matches: [] });
    }
  });
  const index: SearchIndex = { docs: compiled, fields, pairs, pairsReady: false, single: new Map() };
  if (opts.tables === false) return index;
  for (const key of KEYBOARD) index.single.set(key, answer(index, key, null, Infinity));
  for (const [key, p] of pairs) {
    const Q = compileQuery(key);
    p.matches = p.fields.map((fi) => matchField(fields[fi]!, Q));
  }
  index.pairsReady = true;
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

// ---- matching one string ----

// Failure memo for the run search: visited[(slot * (qLen + 1)) + pos] === stamp.
let visited = new Int32Array(1024);
let stamp = 0;

/**
 * Can q[pos..] be consumed by consecutive slots starting at `slot`, each slot
 * by one of its readings, whole or as its initial, the last one also by any
 * prefix (or a slot by its own character)? Returns the slot after the last
 * one used, or -1. With `toEnd`, only a run that uses every slot up to
 * f.last counts.
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
        // … then the longest use of this syllable first (full pinyin), down to its initial.
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

/**
 * A match packed in one int (no allocation per string tried): quality rank
 * (0 infix, 1 prefix, 2 exact) in bits 0–1, range start in bits 2–11, end in
 * bits 12–21. -1 = no match. Strings are at most 400 characters.
 */
type Packed = number;
const NO_MATCH = -1;
const pack = (quality: number, start: number, end: number): Packed => quality | (start << 2) | (end << 12);
const QUALITIES: MatchQuality[] = ['infix', 'prefix', 'exact'];

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

function matchField(f: Field, Q: Query): Packed {
  const q = Q.q;
  // Literal match (hanzi, digits, latin in the text).
  if (!Q.allLetters || f.hasLatin) {
    const at = f.text.indexOf(q);
    if (at >= 0) {
      return pack(at === 0 ? (q.length === f.text.length ? 2 : 1) : 0, at, at + q.length);
    }
  }
  if (!Q.hasLetter || f.first < 0) return NO_MATCH;
  // Every query letter must occur in some reading, and a letter query must start at a syllable.
  if ((f.letters & Q.letters) !== Q.letters) return NO_MATCH;
  if (Q.firstBit && !(f.heads & Q.firstBit)) return NO_MATCH;
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
    // Exact needs every syllable used: impossible when the query is shorter than the syllable count.
    if (s === f.first && q.length >= f.syllables) {
      stamp++;
      const full = run(f, q, s, 0, true);
      if (full >= 0) return pack(2, s, full);
      return pack(1, s, end);
    }
    return pack(s === f.first ? 1 : 0, s, end);
  }
  return NO_MATCH;
}

// ---- searching ----

/** The strings worth trying for q: the pair list, or the previous keystroke's matches if fewer; null = all. */
function candidatesFor(index: SearchIndex, q: string, previous: number[] | null): number[] | null {
  let best = previous;
  if (q.length >= 2 && isLatinOrDigit(q.charCodeAt(0)) && isLatinOrDigit(q.charCodeAt(1))) {
    const list = index.pairs.get(q.slice(0, 2))?.fields ?? [];
    if (!best || list.length < best.length) best = list;
  }
  return best;
}

function answer(index: SearchIndex, q: string, previous: number[] | null, limit: number): Answer {
  if (q.length === 1) {
    const pre = index.single.get(q);
    if (pre) return { hits: pre.hits.slice(0, limit), total: pre.total, fields: pre.fields };
  }
  // Two keyboard characters: every string's match was computed with the index.
  const pair = q.length === 2 && index.pairsReady ? index.pairs.get(q) : undefined;
  const Q = compileQuery(q);
  const docs = index.docs;
  const n = docs.length;
  // Best match per item: score (-1 none), position, and the packed match (for the name's range).
  const bestScore = new Int8Array(n).fill(-1);
  const bestPos = new Int16Array(n);
  const bestMatch = new Int32Array(n);
  const matchedFields: number[] = [];
  const candidates = pair ? pair.fields : candidatesFor(index, q, previous);
  const count = candidates ? candidates.length : index.fields.length;
  for (let c = 0; c < count; c++) {
    const fi = candidates ? candidates[c]! : c;
    const f = index.fields[fi]!;
    const m = pair ? pair.matches[c]! : matchField(f, Q);
    if (m === NO_MATCH) continue;
    matchedFields.push(fi);
    const quality = m & 3;
    for (let k = 0; k < f.refDoc.length; k++) {
      const di = f.refDoc[k]!;
      const pos = f.refPos[k]!;
      const score = f.refTier[k]! + quality;
      // Same score: the earlier field of the item (its name before its keywords …) wins.
      if (score > bestScore[di]! || (score === bestScore[di]! && pos < bestPos[di]!)) {
        bestScore[di] = score;
        bestPos[di] = pos;
        bestMatch[di] = m;
      }
    }
  }
  // Buckets by score (and frequent) keep the ranking O(n): within a bucket, catalog order.
  const buckets: number[][] = [];
  for (let b = 0; b < BUCKETS; b++) buckets.push([]);
  let total = 0;
  for (let di = 0; di < n; di++) {
    const s = bestScore[di]!;
    if (s < 0) continue;
    total++;
    buckets[s * 2 + (docs[di]!.frequent ? 1 : 0)]!.push(di);
  }
  const hits: SearchHit[] = [];
  for (let b = BUCKETS - 1; b >= 0 && hits.length < limit; b--) {
    for (const di of buckets[b]!) {
      if (hits.length >= limit) break;
      const doc = docs[di]!;
      const pos = bestPos[di]!;
      const m = bestMatch[di]!;
      const field = doc.tiers[pos]!;
      const quality = QUALITIES[m & 3]!;
      hits.push(
        field === 'name'
          ? { id: doc.id, field, quality, score: bestScore[di]!, range: [(m >> 2) & 0x3ff, (m >> 12) & 0x3ff] }
          : { id: doc.id, field, quality, score: bestScore[di]!, index: doc.idx[pos]! },
      );
    }
  }
  return { hits, total, fields: matchedFields };
}

/** One search over the whole index. */
export function search(index: SearchIndex, query: string, opts: SearchOptions = {}): SearchResult {
  const q = normaliseQuery(query);
  if (!q) return { query: q, hits: [], total: 0 };
  const a = answer(index, q, null, opts.limit ?? 50);
  return { query: q, hits: a.hits, total: a.total };
}

/**
 * Per-keystroke search: when the new query extends the previous one, only the
 * strings the previous one matched can match (every match kind is closed
 * under shortening the query), so each keystroke narrows instead of rescanning.
 */
export function createSearcher(index: SearchIndex, opts: SearchOptions = {}) {
  let lastQuery = '';
  let lastFields: number[] | null = null;
  return (query: string): SearchResult => {
    const q = normaliseQuery(query);
    if (!q) {
      lastQuery = '';
      lastFields = null;
      return { query: q, hits: [], total: 0 };
    }
    const narrowing = lastFields !== null && lastQuery !== '' && q.startsWith(lastQuery);
    const a = answer(index, q, narrowing ? lastFields : null, opts.limit ?? 50);
    lastQuery = q;
    lastFields = a.fields;
    return { query: q, hits: a.hits, total: a.total };
  };
}
