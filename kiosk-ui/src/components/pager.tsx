import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useKiosk } from '../kiosk-context';

/** Large, labelled page buttons ("上一页 / 第 2 页，共 5 页 / 下一页") for content that would otherwise scroll. */
export function PageButtons({ page, pages, onPage, compact }: { page: number; pages: number; onPage: (p: number) => void; compact?: boolean }) {
  const { t } = useKiosk();
  if (pages <= 1) return null;
  // Compact: beside other content in a column, at the size of every other button (still the mode's full touch target).
  const btn = compact ? 'btn btn--secondary pager__btn' : 'btn btn--secondary btn--large pager__btn';
  return (
    <nav class={compact ? 'pager pager--compact' : 'pager'} aria-label={t('page.label')} data-testid="pager">
      <button type="button" class={btn} data-testid="page-prev" disabled={page <= 0} onClick={() => onPage(page - 1)}>
        {t('page.prev')}
      </button>
      <span class="pager__where" data-testid="page-of" aria-live="polite">
        {t('page.of', { page: page + 1, pages })}
      </span>
      <button type="button" class={btn} data-testid="page-next" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        {t('page.next')}
      </button>
    </nav>
  );
}

/**
 * How many of a list's rows (`box` holds the list, the list its rows) fit the space the list is given (the grid's
 * columns times the rows that fit its height), measured after layout and
 * again whenever that space changes (size, elder mode, language): pages hold
 * as many items as the screen can show, never a fixed few with half the
 * screen empty, and never more than fit.
 */
function useFit(box: { current: HTMLElement | null }, deps: unknown[]): number {
  const [fit, setFit] = useState(1);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      const list = el.firstElementChild as HTMLElement | null;
      const row = list?.firstElementChild as HTMLElement | null;
      if (!list || !row) return;
      const style = getComputedStyle(list);
      const gap = Number.parseFloat(style.rowGap) || 0;
      const columns = style.gridTemplateColumns === 'none' ? 1 : style.gridTemplateColumns.split(' ').length;
      const rows = Math.max(1, Math.floor((el.clientHeight + gap) / (row.offsetHeight + gap)));
      setFit((old) => (old === rows * columns ? old : rows * columns));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, deps);
  return fit;
}

/**
 * A list shown a page at a time in the height it is given (flex: 1), with page
 * buttons under it. `render` draws one page of items; the page resets when
 * the list itself changes (a new search). `firstPageOnly`: as many as fit,
 * no page buttons (a list of shortcuts, whose every item is found elsewhere).
 */
export function FittedPages<T>({ items, render, resetKey, firstPageOnly }: { items: T[]; render: (page: T[]) => ComponentChildren; resetKey?: string; firstPageOnly?: boolean }) {
  const { elder, locale } = useKiosk();
  const box = useRef<HTMLDivElement>(null);
  const [page, setPage] = useState(0);
  const size = useFit(box, [elder, locale, items.length, resetKey]);
  useLayoutEffect(() => setPage(0), [resetKey]);
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(page, pages - 1);
  return (
    <>
      <div class="fitted" ref={box}>
        {render(items.slice(p * size, p * size + size))}
      </div>
      {!firstPageOnly && <PageButtons page={p} pages={pages} onPage={setPage} />}
    </>
  );
}
