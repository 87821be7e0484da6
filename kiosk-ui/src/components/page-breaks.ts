/** Where a block lies, in px from the top of the first block, as laid out with every block in place. */
export type Extent = { top: number; bottom: number };

/**
 * The first block of each page: as many whole blocks as fit `height`, in
 * order, so a row, a step or a material is never cut in two. Measured
 * extents carry the real gaps and margins between blocks. A block taller
 * than a page gets a page of its own (it is clipped there, never merged).
 */
export function pageStarts(blocks: readonly Extent[], height: number): number[] {
  const starts = [0];
  let first = 0;
  for (let i = 1; i < blocks.length; i++) {
    if (blocks[i]!.bottom - blocks[first]!.top > height) {
      starts.push(i);
      first = i;
    }
  }
  return starts;
}

/** The page that shows block `block`: after a re-measure (another size, mode or language) the resident stays where they were reading. */
export function pageHolding(starts: readonly number[], block: number): number {
  let page = 0;
  while (page + 1 < starts.length && starts[page + 1]! <= block) page++;
  return page;
}

/** The blocks page `page` shows, as [from, to). */
export function pageRange(starts: readonly number[], page: number, count: number): [number, number] {
  return [starts[page] ?? 0, starts[page + 1] ?? count];
}
