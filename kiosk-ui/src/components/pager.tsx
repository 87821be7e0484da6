import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useKiosk } from '../kiosk-context';

/** Large, labelled page buttons ("上一页 / 第 2 页，共 5 页 / 下一页") for content that would otherwise scroll. */
export function PageButtons({ page, pages, onPage, compact }: { page: number; pages: number; onPage: (p: number) => void; compact?: boolean }) {
  const { t } = useKiosk();
  const prev = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  if (pages <= 1) return null;
  // Reaching the first or last page disables the button just pressed: a keyboard user's focus goes to the other one, not to the page's top.
  const go = (to: number) => {
    onPage(to);
    if (to <= 0) next.current?.focus();
    else if (to >= pages - 1) prev.current?.focus();
  };
  // Compact: beside other content in a column, at the size of every other button (still the mode's full touch target).
  const btn = compact ? 'btn btn--secondary pager__btn' : 'btn btn--secondary btn--large pager__btn';
  return (
    <nav class={compact ? 'pager pager--compact' : 'pager'} aria-label={t('page.label')} data-testid="pager">
      <button type="button" ref={prev} class={btn} data-testid="page-prev" disabled={page <= 0} onClick={() => go(page - 1)}>
        {t('page.prev')}
      </button>
      <span class="pager__where" data-testid="page-of" aria-live="polite">
        {t('page.of', { page: page + 1, pages })}
      </span>
      <button type="button" ref={next} class={btn} data-testid="page-next" disabled={page >= pages - 1} onClick={() => go(page + 1)}>
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
function useFit(box: { current: HTMLElement | null }, deps: unknown[], least = 1): number {
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
      const rows = Math.max(least, Math.floor((el.clientHeight + gap) / (row.offsetHeight + gap)));
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
  // A shortcut list may show none at all where not one row fits (its items are all found elsewhere); a list to page through shows at least one.
  const size = useFit(box, [elder, locale, items.length, resetKey], firstPageOnly ? 0 : 1);
  useLayoutEffect(() => setPage(0), [resetKey]);
  const pages = Math.max(1, Math.ceil(items.length / Math.max(1, size)));
  const p = Math.min(page, pages - 1);
  // With none to show, one item stays laid out unseen: the row height the next measure needs.
  const shown = size === 0 ? items.slice(0, 1) : items.slice(p * size, p * size + size);
  return (
    <>
      <div class={size === 0 ? 'fitted fitted--none' : 'fitted'} ref={box}>
        {render(shown)}
      </div>
      {!firstPageOnly && <PageButtons page={p} pages={pages} onPage={setPage} />}
    </>
  );
}
