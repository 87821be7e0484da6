import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SpawnedDaemon } from '../helpers/daemon';
import { INSTANT_READER, SKIP_BROWSER, axe, useKioskRig } from '../helpers/browser';
import { ALL_COMBOS, COMBOS, applyCombo, comboName, glyphs, misfits, type Combo } from './layout/fit';
import { SCREENS_DIR, type Shot, writeIndex } from './layout/artifacts';

// The layout sweep: every screen a resident meets, reached through the real
// journeys on the real daemon and its simulators, looked at in every
// combination of screen size (portrait, landscape, 5:4), elder mode and
// language. It fails when a screen's primary action is not wholly visible
// without scrolling (or something covers it), anything overflows sideways, or
// a screen shows an emoji or symbol-font glyph instead of a shipped icon,
// and leaves a screenshot of each with an index page in test-artifacts/screens.
const BASE: Combo = ALL_COMBOS.find((c) => c.size.width === 1920 && c.mode === 'normal' && c.lang === 'zh-CN')!;
const PHONE = '13912345678';
/**
 * The evaluation faces become shipped SVGs in another change (the evaluation
 * screen's own branch): left out of the glyph check here until it lands.
 */
const FACES = '[data-level]';
/** Each journey's screens × 12 combinations, screenshots and axe: minutes, not the default seconds. */
const JOURNEY_MS = 300_000;

describe.skipIf(SKIP_BROWSER)('layout sweep: every screen × 3 sizes × normal/elder × zh-CN/en (Chromium, real daemon)', () => {
  // The reader without the module's processing time: the sweep looks at screens, not at how long a card read takes.
  const rig = useKioskRig({ beforeAll, afterAll }, { config: INSTANT_READER });
  const shots: Shot[] = [];
  const a11y: string[] = [];
  const symbols: string[] = [];
  let page: Page;
  let d: SpawnedDaemon;

  const sim = async (device: string, action: string, param?: string) => {
    const r = await d.sim(device, action, param);
    if (r.status !== 200) throw new Error(`sim ${device}/${action} answered ${r.status}`);
  };

  /** Look at the current screen in every combination, then put the page back to the base one the journeys are driven in. */
  async function sweep(screen: string, opts: { waitsOnly?: boolean; primary?: string } = {}): Promise<void> {
    // A screen that only waits (the daemon is away) has no action and no toggles: its sizes only, in the mode it has.
    const sizes = [...new Map(COMBOS.map((c) => [c.size.width, c])).values()];
    for (const c of opts.waitsOnly ? sizes : COMBOS) {
      await applyCombo(page, c);
      const file = `${screen}-${comboName(c)}.png`;
      const problems = await misfits(page, !opts.waitsOnly, opts.primary);
      await page.screenshot({ path: join(SCREENS_DIR, file) });
      shots.push({ screen, combo: comboName(c), file, problems });
      // axe per mode and language (colours and names do not change with the size).
      if (c.size.width === 1080) for (const v of await axe(page)) a11y.push(`${screen} ${comboName(c)}: ${v}`);
      if (c.size.width === 1080) for (const g of await glyphs(page, FACES)) symbols.push(`${screen} ${comboName(c)}: ${g}`);
    }
    await applyCombo(page, BASE);
  }

  const tap = (testId: string) => page.getByTestId(testId).click();
  const shown = (selector: string, timeout = 20_000) => page.locator(selector).first().waitFor({ timeout });
  const typeKeys = async (scope: string, text: string) => {
    for (const ch of text) await page.locator(`${scope} [data-key="${ch}"]`).first().click();
  };

  async function openBySearch(keys: string, itemId: string): Promise<void> {
    await tap('open-search');
    await typeKeys('[data-testid="keyboard"]', keys);
    await page.locator(`[data-testid="items"] [data-item="${itemId}"]`).click();
    await shown('[data-screen="item"] [data-testid="start-service"]');
  }

  /** 参保证明 (WD-KIOSK-003) opened by its initials, started, and the card placed when the screen asks. */
  async function certificateWithCard(card: string): Promise<void> {
    await openBySearch('cbzm', 'WD-KIOSK-003');
    await tap('start-service');
    await shown('[data-testid="identify"][data-state="waiting"]');
    await sim('idCardReader', 'insertCard', card);
  }

  async function goHome(): Promise<void> {
    if (await page.getByTestId('home').count()) await tap('home');
    await shown('[data-screen="home"]');
  }

  beforeAll(async () => {
    d = rig.daemon();
    mkdirSync(SCREENS_DIR, { recursive: true });
    page = await rig.browser().newPage({ viewport: BASE.size });
    await page.goto(d.url);
    await shown('[data-testid="start"]:enabled');
  });

  afterAll(() => writeIndex(shots, COMBOS.map(comboName)));

  it(
    'finding a service: attract, home, a category, search, a guide',
    async () => {
      await sweep('attract');
      await tap('start');
      await shown('[data-screen="home"]');
      await sweep('home');
      const biggest = await page.evaluate(() => {
        const tiles = [...document.querySelectorAll('[data-category]')];
        const count = (t: Element) => Number((t.textContent ?? '').replace(/\D+/g, ' ').trim().split(' ').pop());
        return tiles.sort((a, b) => count(b) - count(a))[0]!.getAttribute('data-category');
      });
      await page.locator(`[data-category="${biggest}"]`).click();
      await shown('[data-screen="category"]');
      await sweep('category');
      await goHome();
      await tap('open-search');
      await typeKeys('[data-testid="keyboard"]', 's');
      await shown('[data-testid="search-count"]');
      await sweep('search');
      // "找到 N 项" shows all N, a page at a time.
      const total = Number((await page.getByTestId('search-count').textContent())!.replace(/\D/g, ''));
      const seen = new Set<string>();
      for (;;) {
        for (const id of await page.locator('[data-testid="items"] [data-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item')!))) seen.add(id);
        const next = page.locator('[data-testid="page-next"]:enabled');
        if ((await next.count()) === 0) break;
        await next.click();
      }
      expect(total).toBeGreaterThan(8);
      expect(seen.size).toBe(total);
      // Letters offer the catalog's words to pick: sbzm → 社保证明, which then searches in hanzi.
      await page.locator('[data-key="clear"]').click();
      await typeKeys('[data-testid="keyboard"]', 'sbzm');
      await sweep('search-candidates');
      await page.locator('[data-candidate="社保证明"]').click();
      expect(await page.getByTestId('search-query').textContent()).toBe('社保证明');
      await shown('[data-testid="items"] [data-item]');
      // English mode finds English words.
      await applyCombo(page, { ...BASE, lang: 'en' });
      await page.locator('[data-key="clear"]').click();
      await typeKeys('[data-testid="keyboard"]', 'residence');
      await shown('[data-testid="items"] [data-item]');
      expect(await page.getByTestId('search-count').textContent()).not.toMatch(/^0/);
      await sweep('search-english');
      await page.locator('[data-key="clear"]').click();
      await goHome();
      await openBySearch('tyjr', 'WD-KIOSK-036');
      await sweep('guide');
    },
    JOURNEY_MS,
  );

  it(
    'applying: identify, consent, questions, materials, delivery, check, receipt',
    async () => {
      await tap('start-service');
      await shown('[data-testid="identify"][data-state="waiting"]');
      await sweep('identify', { primary: '.card-slot' });
      // On a slow machine the reader's wait for a card can end during the sweep ("no card"): ask again, as a resident would.
      if (await page.getByTestId('identify-retry').count()) await tap('identify-retry');
      await shown('[data-testid="identify"][data-state="waiting"]');
      await sim('idCardReader', 'insertCard', 'resident-young');
      await shown('[data-testid="consent"]');
      await sweep('consent');
      await tap('consent-accept');
      await shown('[data-testid="questions"]');
      await sweep('form-questions');
      const fields = page.locator('[data-testid="questions"] fieldset[data-field]');
      for (let i = 0; i < (await fields.count()); i++) {
        const f = fields.nth(i);
        if (await f.locator('[data-testid="digit-pad"]').count()) await typeKeys(`fieldset[data-field="${await f.getAttribute('data-field')}"]`, PHONE);
        else await f.locator('[data-option]').first().click();
      }
      await tap('step-next');
      await shown('[data-testid="materials"]');
      await sweep('form-materials');
      const mats = page.locator('[data-testid="materials"] fieldset[data-material]');
      for (let i = 0; i < (await mats.count()); i++) await mats.nth(i).locator('[data-choice="have"]').click();
      await tap('step-next');
      await shown('[data-testid="delivery"]');
      await page.locator('[data-delivery="pickup"]').click();
      await sweep('form-delivery');
      await tap('step-next');
      await shown('[data-testid="check"]');
      await sweep('check');
      await tap('submit');
      await shown('[data-testid="printed"]', 30_000);
      await sweep('receipt', { primary: '[data-testid="case-no"], [data-testid="finish"]' });
      await sim('idCardReader', 'removeCard');
      await page.getByTestId('take-card').waitFor({ state: 'detached' });
      await page.locator('[data-testid="accepted"] .btn--primary, [data-testid="finish"]').first().click();
      // 完成 goes on to the rating of the case.
      await shown('[data-testid="service-evaluation"] [data-level]');
      await sweep('evaluation-after-service', { primary: '[data-level]' });
      await goHome();
    },
    JOURNEY_MS,
  );

  it(
    'records: the 参保证明 preview, its table of rows, and a refused card',
    async () => {
      await certificateWithCard('resident-valid');
      await shown('[data-testid="consent"]');
      await tap('consent-accept');
      await shown('[data-testid="records-preview"]');
      await sweep('records-preview');
      // The rows in the summary's place, a page at a time under the table's head.
      await tap('records-details');
      await shown('[data-testid="records-table"]');
      await sweep('records-details');
      await sim('idCardReader', 'removeCard');
      await page.getByTestId('take-card').waitFor({ state: 'detached' });
      await goHome();
      await certificateWithCard('resident-expired');
      await shown('[data-testid="identify-expired"]');
      await sweep('identify-expired');
      await sim('idCardReader', 'removeCard');
      await goHome();
    },
    JOURNEY_MS,
  );

  it(
    'progress, complaint, evaluation, call staff',
    async () => {
      await page.locator('[data-feature="progress"]').click();
      await shown('[data-screen="progress"]');
      await sweep('progress', { primary: '[data-testid="keyboard"]' });
      await goHome();
      await page.locator('[data-feature="complain"]').click();
      await shown('[data-category]');
      await sweep('complaint-category', { primary: '[data-category]' });
      await page.locator('[data-category]').first().click();
      await shown('[data-statement]');
      await page.locator('[data-statement]').first().click();
      await sweep('complaint-statements');
      await tap('step-next');
      await shown('[data-field="callbackPhone"], [data-testid="check"]');
      await sweep('complaint-phone');
      await goHome();
      await page.locator('[data-feature="evaluate"]').click();
      await shown('[data-screen="evaluate"]');
      await sweep('evaluation', { primary: '[data-testid="keyboard"]' });
      await goHome();
      await page.locator('[data-feature="callStaff"]').click();
      await shown('[data-reason]');
      await sweep('call-staff', { primary: '[data-reason]' });
      await page.locator('[data-reason]').first().click();
      await shown('[data-testid="call-done"]');
      await sweep('call-staff-done', { primary: '[data-testid="call-done"]' });
      await goHome();
    },
    JOURNEY_MS,
  );

  it(
    'a device out of service: identification unavailable while the reader is offline',
    async () => {
      await openBySearch('tyjr', 'WD-KIOSK-036');
      await sim('idCardReader', 'unplug');
      try {
        await tap('start-service');
        await shown('[data-testid="identify-unavailable"]');
        await sweep('identify-unavailable');
      } finally {
        await sim('idCardReader', 'replug');
      }
      await goHome();
    },
    JOURNEY_MS,
  );

  it(
    'the unavailable screen, when the daemon is gone',
    async () => {
      await d.stop();
      await shown('[data-screen="unavailable"], .unavailable');
      await sweep('unavailable', { waitsOnly: true });
    },
    JOURNEY_MS,
  );

  it('no screen in any combination hides its primary action or overflows sideways; axe finds nothing', () => {
    const bad = shots.filter((s) => s.problems.length > 0).map((s) => `${s.screen} ${s.combo}: ${s.problems.join('; ')}`);
    expect(shots.length).toBeGreaterThan(0);
    expect({ misfits: bad, axe: a11y, glyphs: symbols }).toEqual({ misfits: [], axe: [], glyphs: [] });
  });
});
