import { describe, expect, it } from 'vitest';
import { type Extent, pageHolding, pageRange, pageStarts } from '../../../kiosk-ui/src/components/page-breaks';

/** Blocks of the given heights laid out one under the other with `gap` px between them. */
function laidOut(heights: number[], gap = 0): Extent[] {
  let top = 0;
  return heights.map((h) => {
    const e = { top, bottom: top + h };
    top += h + gap;
    return e;
  });
}

describe('page breaks: whole blocks per page, as many as fit', () => {
  it('everything on one page when it fits, to the pixel', () => {
    expect(pageStarts(laidOut([40, 40, 40], 10), 140)).toEqual([0]);
  });

  it('a block that would be cut starts the next page; gaps count', () => {
    // 40+10+40+10+40 = 140 does not fit 139: the third block goes over.
    expect(pageStarts(laidOut([40, 40, 40], 10), 139)).toEqual([0, 2]);
    // 30 | 80 | 30+30+30 | 30: the short blocks after a tall one fill its own page, not the tall one's.
    expect(pageStarts(laidOut([30, 80, 30, 30, 30, 30]), 100)).toEqual([0, 1, 2, 5]);
  });

  it('a page is measured from its own first block, not from the top of the first page', () => {
    // Blocks of 60 in 100: one per page, whatever the offset the later pages start at.
    expect(pageStarts(laidOut([60, 60, 60, 60], 8), 100)).toEqual([0, 1, 2, 3]);
    expect(pageStarts(laidOut([60, 20, 60, 20], 0), 100)).toEqual([0, 2]);
  });

  it('a block taller than a page gets a page of its own, and the blocks after it go on', () => {
    expect(pageStarts(laidOut([20, 300, 20, 20]), 100)).toEqual([0, 1, 2]);
  });

  it('no blocks: one empty page', () => {
    expect(pageStarts([], 100)).toEqual([0]);
    expect(pageRange([0], 0, 0)).toEqual([0, 0]);
  });

  it('each page shows its blocks, the last to the end', () => {
    const starts = [0, 3, 5];
    expect(pageRange(starts, 0, 8)).toEqual([0, 3]);
    expect(pageRange(starts, 1, 8)).toEqual([3, 5]);
    expect(pageRange(starts, 2, 8)).toEqual([5, 8]);
  });

  it('after a re-measure the page holding the block read first is shown', () => {
    expect(pageHolding([0, 3, 5], 0)).toBe(0);
    expect(pageHolding([0, 3, 5], 4)).toBe(1);
    expect(pageHolding([0, 3, 5], 5)).toBe(2);
    expect(pageHolding([0, 3, 5], 99)).toBe(2);
    expect(pageHolding([0], 7)).toBe(0);
  });
});
