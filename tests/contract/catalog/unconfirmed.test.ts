import { describe, expect, it } from 'vitest';
import { unconfirmedPaths } from '../../../contract/catalog/unconfirmed';
import { shippedJson } from '../../helpers/catalog';

// unconfirmedPaths walks every node of every item at each catalog load, so it
// is written for speed (a key is looked at only for a marked text or a node to
// descend into). Its answers must be those of the plain walk: every string
// containing 待核, in document order, outside provenance, notes and sourceRefs.

/** The plain walk: path of every string with the mark, in order. */
function reference(v: unknown, path = ''): string[] {
  if (typeof v === 'string') return v.includes('待核') ? [path] : [];
  if (Array.isArray(v)) return v.flatMap((x, i) => reference(x, `${path}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => (['provenance', 'notes', 'sourceRefs'].includes(k) ? [] : reference(x, path ? `${path}.${k}` : k)));
  return [];
}

describe('unconfirmedPaths', () => {
  it('finds the marked texts of every shipped item as the plain walk does', () => {
    let found = 0;
    for (const item of shippedJson().items as unknown[]) {
      const paths = unconfirmedPaths(item);
      expect(paths).toEqual(reference(item));
      found += paths.length;
    }
    expect(found).toBeGreaterThan(20);
  });

  it('nested arrays, skipped keys at any depth, numbers, nulls and a marked text at the top', () => {
    const item = {
      a: ['x', ['待核 1', { b: null, c: 3, d: '待核' }]],
      notes: '待核',
      e: { provenance: { f: '待核' }, g: [[], {}, '待核?'] },
      sourceRefs: ['待核'],
      h: true,
    };
    expect(unconfirmedPaths(item)).toEqual(['a[1][0]', 'a[1][1].d', 'e.g[2]']);
    expect(unconfirmedPaths(item)).toEqual(reference(item));
    expect(unconfirmedPaths('待核')).toEqual(['']);
    expect(unconfirmedPaths(null)).toEqual([]);
  });

  it('inherited keys are not walked', () => {
    const item = Object.create({ inherited: '待核' }) as Record<string, unknown>;
    item.own = '待核';
    expect(unconfirmedPaths(item)).toEqual(['own']);
  });
});
