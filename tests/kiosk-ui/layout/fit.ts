import type { Page } from 'playwright-core';

/** The sizes of the terminals in service: portrait, landscape and the old 5:4 screens. */
const SIZES = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
  { width: 1280, height: 1024 },
] as const;
const MODES = ['normal', 'elder'] as const;
const LANGS = ['zh-CN', 'en'] as const;

export type Combo = { size: (typeof SIZES)[number]; mode: (typeof MODES)[number]; lang: (typeof LANGS)[number] };

export const ALL_COMBOS: Combo[] = SIZES.flatMap((size) => MODES.flatMap((mode) => LANGS.map((lang) => ({ size, mode, lang }))));

/**
 * `npm test` sweeps the two combinations where things stop fitting first: elder mode in English at the
 * tightest size (1280×1024: the longest words in the largest type on the smallest screen) and elder mode in
 * Chinese in portrait (1080×1920) (2 of 12: the suite must stay well inside CI's 15 minutes; the normal-mode
 * base is where every other Chromium test walks and takes its screenshots); LAYOUT_SWEEP=full
 * (`npm run test:layout`) sweeps all 12.
 */
const IN_NPM_TEST = (c: Combo) => c.mode === 'elder' && ((c.lang === 'en' && c.size.width === 1280) || (c.lang === 'zh-CN' && c.size.width === 1080));
export const COMBOS: Combo[] = process.env.LAYOUT_SWEEP === 'full' ? ALL_COMBOS : ALL_COMBOS.filter(IN_NPM_TEST);

export const comboName = (c: Combo) => `${c.size.width}x${c.size.height}-${c.mode}-${c.lang}`;

/** Turn the page's elder mode and language to the combination's with the bottom bar's own toggles, as a resident would. */
export async function applyCombo(page: Page, c: Combo): Promise<void> {
  await page.setViewportSize(c.size);
  // One look at the page (each call is a round trip to Chromium, and a sweep makes hundreds): whether it has
  // the toggles, and its mode and language (the elder toggle leaves the language as it is).
  const state = await page.evaluate(() => ({
    toggles: document.querySelector('[data-testid="toggle-elder"]') !== null,
    elder: document.documentElement.classList.contains('elder'),
    lang: document.documentElement.lang,
  }));
  // A screen without the toggles (the daemon is away) is looked at in the mode and language it has.
  if (!state.toggles) return;
  if (state.elder !== (c.mode === 'elder')) {
    await page.getByTestId('toggle-elder').first().click();
    await page.waitForFunction((want) => document.documentElement.classList.contains('elder') === want, c.mode === 'elder');
  }
  if (state.lang !== c.lang) {
    await page.getByTestId('toggle-language').first().click();
    await page.waitForFunction((want) => document.documentElement.lang === want, c.lang);
  }
  // Two frames: the toggles' re-render and the layout after it.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * What does not fit, measured in the page: every primary action (`data-primary`,
 * or the primary button style) must lie wholly inside the viewport and inside
 * every clipping ancestor, and be the topmost element at its centre (nothing,
 * such as the bottom bar, covers it); no element may reach past the viewport's
 * right or left edge, and the document may not scroll sideways.
 * `alsoPrimary`: a selector for what a screen whose actions are choices (faces,
 * reasons, categories) or a place to put the card offers instead of a button.
 */
export async function misfits(page: Page, needsPrimary = true, alsoPrimary = ''): Promise<string[]> {
  return page.evaluate(
    ([needsPrimary, alsoPrimary]) => {
      const out: string[] = [];
      const vw = window.innerWidth;
      const vh = window.innerHeight;
      const label = (el: Element) => {
        const id = el.getAttribute('data-testid') ?? el.getAttribute('data-feature') ?? el.getAttribute('data-item') ?? el.getAttribute('data-category');
        return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
      };
      const shown = (el: Element) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      };
      const primaries = [...document.querySelectorAll(`[data-primary], .btn--primary${alsoPrimary ? `, ${alsoPrimary}` : ''}`)].filter(shown);
      if (primaries.length === 0 && needsPrimary) out.push('no primary action marked on this screen');
      for (const el of primaries) {
        const r = el.getBoundingClientRect();
        if (r.top < -1 || r.left < -1 || r.bottom > vh + 1 || r.right > vw + 1) {
          out.push(`primary ${label(el)} outside the viewport (${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)})`);
          continue;
        }
        let clipped = false;
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.overflowY === 'visible' && s.overflowX === 'visible') continue;
          const c = a.getBoundingClientRect();
          if (r.top < c.top - 1 || r.bottom > c.bottom + 1 || r.left < c.left - 1 || r.right > c.right + 1) {
            out.push(`primary ${label(el)} scrolled out of view inside ${a.className || a.tagName}`);
            clipped = true;
            break;
          }
        }
        if (clipped) continue;
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (top && top !== el && !el.contains(top) && !top.closest('.modal-backdrop')) out.push(`primary ${label(el)} covered by ${label(top)}`);
      }
      // Long content is paged (components/paged-blocks.tsx): a box a resident would have to scroll with a
      // finger is a misfit, and so is a screen's body or a page of content that cuts off what it holds.
      for (const el of document.querySelectorAll('body *')) {
        const y = getComputedStyle(el).overflowY;
        if (el.clientHeight === 0 || el.scrollHeight <= el.clientHeight + 1) continue;
        if (y === 'auto' || y === 'scroll') out.push(`${label(el)} (${el.className || el.tagName}) scrolls: ${el.scrollHeight} px of content in ${el.clientHeight}`);
        else if (el.matches('.screen__body, .paged')) out.push(`${label(el)} (${el.className}) cuts off its content: ${el.scrollHeight} px in ${el.clientHeight}`);
      }
      if (document.documentElement.scrollWidth > vw + 1) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${vw})`);
      for (const el of document.querySelectorAll('body *')) {
        if (!shown(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.right > vw + 1 || r.left < -1) {
          out.push(`${label(el)} overflows horizontally (${Math.round(r.left)}–${Math.round(r.right)} of ${vw})`);
          break;
        }
      }
      return out;
    },
    [needsPrimary, alsoPrimary] as const,
  );
}

/**
 * Emoji and symbol-font glyphs the screen renders (its text and its labels):
 * icons ship as SVG (assets/icons), because a terminal's fonts may lack them
 * and show crossed boxes. `except` leaves out elements another change owns.
 */
export async function glyphs(page: Page, except = ''): Promise<string[]> {
  return page.evaluate((except) => {
    // Emoji, and the symbol blocks CJK text fonts lack: arrows, technical symbols (⌕ ⌫), shapes, dingbats.
    const glyph = /[\p{Extended_Pictographic}\p{Emoji_Presentation}\u2190-\u21FF\u2300-\u23FF\u25A0-\u27BF\u2B00-\u2BFF]/gu;
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (except && n.parentElement?.closest(except)) continue;
      for (const m of n.textContent?.match(glyph) ?? []) found.add(m);
    }
    for (const el of document.querySelectorAll('[aria-label], [alt]')) {
      if (except && el.closest(except)) continue;
      for (const m of `${el.getAttribute('aria-label') ?? ''}${el.getAttribute('alt') ?? ''}`.match(glyph) ?? []) found.add(m);
    }
    return [...found].map((g) => `U+${g.codePointAt(0)!.toString(16).toUpperCase()} ${g}`);
  }, except);
}
