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
    let marked: Element | undefined;
    const mark = () => {
      // Looked up at every change: the body can be rendered after the hint (a guide still loading) or
      // replaced by another (a pending guide, then the guide), and a mark kept on a detached node is lost.
      const root = document.querySelector(`[data-screen="${screen}"] .screen__body`);
      const next = root ? nextControl(root) : undefined;
      if (next === marked) return;
      marked?.removeAttribute(MARK);
      next?.setAttribute(MARK, '');
      marked = next;
    };
    mark();
    // The whole page is watched, not the body found first; the mark itself is not watched, so setting it
    // does not wake the observer again. Guided mode is on for one resident's session at a time.
    const watch = new MutationObserver(mark);
    watch.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'class', 'hidden', 'style'] });
    return () => {
      watch.disconnect();
      marked?.removeAttribute(MARK);
    };
  }, [on, screen]);
}
