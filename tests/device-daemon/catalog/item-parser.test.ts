import { describe, expect, it } from 'vitest';
import { compiledParserAvailable, parseItem } from '../../../device-daemon/catalog/item-parser';
import { shippedJson } from '../../helpers/catalog';
import { seededRandom } from '../../helpers/prng';

// The compiled item parser (a platform refresh of thousands of items) must
// accept exactly what the runtime parser accepts and return the same item;
// what it refuses is parsed again by the runtime parser, whose issues are the
// problems reported. Compared here on the shipped items and on broken copies.

type Json = Record<string, any>;

/** Every [parent, key] in a JSON value (objects and arrays), depth first. */
function slots(v: unknown, out: Array<[Json, string | number]> = []): Array<[Json, string | number]> {
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([v as unknown as Json, i]);
      slots(x, out);
    });
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.push([v as Json, k]);
      slots(x, out);
    }
  return out;
}

const REPLACEMENTS: unknown[] = [undefined, null, '', '  padded  ', ' ', 'x'.repeat(2000), -1, 0, 1.5, 99999, true, false, [], {}, ['window'], { zh: '名' }, 'window', 'GEN-1'];

function mutate(item: Json, rand: () => number): Json {
  const copy = structuredClone(item);
  const all = slots(copy);
  const n = 1 + Math.floor(rand() * 2);
  for (let i = 0; i < n; i++) {
    const [at, k] = all[Math.floor(rand() * all.length)]!;
    const parent: Record<string, unknown> = at;
    const key = String(k); // an array's index as well: parent[String(i)] is parent[i]
    const r = rand();
    if (r < 0.15) delete parent[key];
    else if (r < 0.3 && !Array.isArray(at)) parent[`extra${i}`] = 'unknown key';
    else if (r < 0.4 && typeof parent[key] === 'string') parent[key] = ` ${parent[key]}\n`;
    else parent[key] = structuredClone(REPLACEMENTS[Math.floor(rand() * REPLACEMENTS.length)]);
  }
  return copy;
}

/** A condition nested `depth` levels (all/any/not alternating) around `leaf`. */
function nested(depth: number, leaf: unknown): unknown {
  let c = leaf;
  for (let d = 0; d < depth; d++) c = d % 3 === 0 ? { all: [c] } : d % 3 === 1 ? { any: [c, leaf] } : { not: c };
  return c;
}

/** The same result, and an accepted item with its keys in the same order (what catalog.item sends is written from it). */
const same = (raw: unknown) => {
  const fast = parseItem(raw, true);
  const runtime = parseItem(raw, false);
  expect(fast).toEqual(runtime);
  if (fast.success) expect(JSON.stringify(fast.data)).toBe(JSON.stringify(runtime.success && runtime.data));
};

describe('compiled item parser', () => {
  it('is made from the catalog schema (the zod compiler takes it; otherwise a refresh falls back to the runtime parser and these comparisons would compare it with itself)', () => {
    expect(compiledParserAvailable()).toBe(true);
  });

  it('parses every shipped item as the runtime parser does', () => {
    const items = shippedJson().items as Json[];
    for (const item of items) {
      expect(parseItem(item, true).success).toBe(true);
      same(item);
    }
  });

  it('accepts and refuses broken copies as the runtime parser does (same item, same issues)', () => {
    const items = shippedJson().items as Json[];
    const rand = seededRandom(7);
    let accepted = 0;
    for (let n = 0; n < 500; n++) {
      const raw = mutate(items[n % items.length]!, rand);
      same(raw);
      if (parseItem(raw, false).success) accepted++;
    }
    // Both kinds were compared: mutations the schema tolerates (a defaulted field removed, padding trimmed) and ones it refuses.
    expect(accepted).toBeGreaterThan(10);
    expect(accepted).toBeLessThan(490);
  });

  it('eligibility conditions nested to any depth (their compiled parser calls itself): the same result, valid or not', () => {
    const item = (shippedJson().items as Json[]).find((i) => i.terminal.mode === 'precheck')!;
    const fact = item.terminal.eligibility[0].require.fact as string;
    const leaf = { fact, op: 'eq', value: true };
    for (const depth of [0, 1, 2, 3, 5, 8]) {
      for (const bottom of [leaf, { ...leaf, extra: 1 }, { fact, op: 'in', value: [] }, { fact: 'noSuchField', op: 'eq', value: true }, { all: [] }]) {
        const raw = structuredClone(item);
        raw.terminal.eligibility[0].require = nested(depth, bottom);
        same(raw);
        if (bottom === leaf) expect(parseItem(raw, true).success).toBe(true);
      }
    }
  });
});
