import type { VNode } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useKiosk } from '../kiosk-context';
import { type Extent, pageHolding, pageRange, pageStarts } from './page-breaks';
import { PageButtons } from './pager';

/**
 * Long content of blocks of any height (a guide's steps, the rows of a table,
 * consent's facts) shown a page at a time in the height it is given (flex: 1),
 * with the house's large page buttons under it: an elderly resident does not
 * know a box can be scrolled with a finger. Pages hold whole blocks, as many
 * as fit at the current size, mode and language.
 *
 * `wrap` draws the container around the blocks of one page (a `<dl>`, an
 * `<ol start>` numbered from `first`, a table with its head); its element's
 * children must be the blocks. Measuring lays every block out once in the box
 * (before paint), then shows the page; it measures again whenever the box's
 * size or the content changes, and keeps the block read first on screen.
 */
export function PagedBlocks({
  blocks,
  wrap,
  resetKey,
  label,
  focus,
}: {
  blocks: VNode[];
  wrap: (shown: VNode[], first: number) => VNode;
  /** The content changed (another tab, another record): back to page 1. */
  resetKey?: string;
  /** Names the box as a region for screen readers (omit inside an already named panel). */
  label?: string;
  /** A block to bring into view when it changes (the first question a resident left unanswered). */
  focus?: number;
}) {
  const { elder, locale } = useKiosk();
  const box = useRef<HTMLDivElement>(null);
  // null while measuring: every block is laid out in the box.
  const [starts, setStarts] = useState<number[] | null>(null);
  // The page count the page buttons show while measuring: they keep their place, so measuring never changes the box it measures.
  const [shownPages, setShownPages] = useState(1);
  const [page, setPage] = useState(0);
  const firstRead = useRef(0);

  useLayoutEffect(() => {
    firstRead.current = 0;
    setPage(0);
    setStarts(null);
  }, [resetKey]);
  useLayoutEffect(() => setStarts(null), [elder, locale, blocks.length]);
  useLayoutEffect(() => {
    if (focus === undefined || focus < 0) return;
    firstRead.current = focus;
    setStarts(null);
  }, [focus]);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    let size = '';
    const ro = new ResizeObserver(() => {
      const now = `${el.clientWidth}x${el.clientHeight}`;
      if (now !== size) setStarts(null);
      size = now;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useLayoutEffect(() => {
    if (starts !== null || !box.current) return;
    const measured = measure(box.current);
    setStarts(measured);
    setShownPages(measured.length);
    setPage(pageHolding(measured, firstRead.current));
  }, [starts]);

  // A page that overflows after all (the content's layout changed without the box or the inputs above changing): measure again, a bounded number of times.
  const remeasured = useRef(0);
  useLayoutEffect(() => {
    const el = box.current;
    if (!starts || !el) return;
    if (el.scrollHeight <= el.clientHeight + 1) remeasured.current = 0;
    else if (remeasured.current++ < 2) setStarts(null);
  });

  const p = starts ? Math.min(page, starts.length - 1) : page;
  const [from, to] = starts ? pageRange(starts, p, blocks.length) : [0, blocks.length];
  const turn = (next: number) => {
    if (!starts) return;
    firstRead.current = starts[next] ?? 0;
    setPage(next);
  };
  const region = label ? ({ role: 'region', 'aria-label': label } as const) : {};
  return (
    <>
      <div class="paged" ref={box} data-testid="paged" data-page={p + 1} data-pages={starts?.length ?? shownPages} {...region}>
        {wrap(blocks.slice(from, to), from)}
      </div>
      <PageButtons page={p} pages={starts?.length ?? shownPages} onPage={turn} compact />
    </>
  );
}

/** The page starts for the blocks as laid out now in `box` (its first element holds the blocks). */
function measure(box: HTMLElement): number[] {
  const list = box.firstElementChild;
  const blocks = list ? [...(list instanceof HTMLTableElement ? (list.tBodies[0]?.rows ?? []) : list.children)] : [];
  if (blocks.length === 0) return [0];
  const boxTop = box.getBoundingClientRect().top + box.clientTop;
  const firstTop = blocks[0]!.getBoundingClientRect().top;
  const extents: Extent[] = blocks.map((b) => {
    const r = b.getBoundingClientRect();
    return { top: r.top - firstTop, bottom: r.bottom - firstTop };
  });
  // What stands above the first block (a table's head, a list's padding) is on every page.
  return pageStarts(extents, box.clientHeight - (firstTop - boxTop));
}
