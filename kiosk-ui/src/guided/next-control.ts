import { useEffect } from 'preact/hooks';

/**
 * What counts as a screen's next control, in order: one a screen marks
 * itself (data-guide-next), else its enabled primary button, else the
 * control the layout keeps on screen (data-primary). One rule for every
 * screen, so no screen needs to know about guided mode.
 */
const NEXT = ['[data-guide-next]', '.btn--primary:not(:disabled)', '[data-primary]:not(:disabled)'];
const MARK = 'data-guided-next';

function nextControl(root: Element): Element | undefined {
  for (const sel of NEXT) {
    const hit = [...root.querySelectorAll(sel)].find((el) => (el as HTMLElement).offsetParent !== null);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Marks the next control of the shown screen (data-guided-next, drawn by
 * guided.css) and moves the mark as the screen changes under the resident's
 * hands (a button enabled, a step's content replaced).
 */
export function useNextControlHighlight(on: boolean, screen: string): void {
  useEffect(() => {
    if (!on) return;
    const root = document.querySelector(`[data-screen="${screen}"] .screen__body`);
    if (!root) return;
    let marked: Element | undefined;
    const mark = () => {
      const next = nextControl(root);
      if (next === marked) return;
      marked?.removeAttribute(MARK);
      next?.setAttribute(MARK, '');
      marked = next;
    };
    mark();
    // The mark itself is not watched: setting it must not wake the observer again.
    const watch = new MutationObserver(mark);
    watch.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'class', 'hidden'] });
    return () => {
      watch.disconnect();
      marked?.removeAttribute(MARK);
    };
  }, [on, screen]);
}
