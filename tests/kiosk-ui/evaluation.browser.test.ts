import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { call, type SpawnedDaemon } from '../helpers/daemon';
import { SCREENSHOT_DIR, SKIP_BROWSER, axe, useKioskRig } from '../helpers/browser';

// 好差评 in Chromium against the real daemon and its simulated Nextion
// evaluation display: an application ends on the evaluation by itself (on
// 完成), with the case's QR on screen and on the device; a press on the
// device is the one rating and the screen follows; 我要评价 for that case
// afterwards says it was already rated. Synthetic person: resident-young.
const PHONE = '13912345678';
const SIZES = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
  { width: 1280, height: 1024 },
];

describe.skipIf(SKIP_BROWSER)('好差评 after a service (Chromium, real daemon, simulated evaluation display)', () => {
  const rig = useKioskRig({ beforeAll, afterAll });
  let d: SpawnedDaemon;
  beforeAll(() => {
    d = rig.daemon();
  });
  const sim = async (device: string, action: string, param?: string) => {
    const r = await fetch(`${d.url}sim/${device}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(param ? { param } : {}) });
    if (!r.ok) throw new Error(`sim ${device}/${action}: ${r.status} ${await r.text()}`);
  };
  const showing = async () => ((await (await fetch(`${d.url}health`)).json()) as { evaluation: { showing: string | null } }).evaluation.showing;

  /** From the screen in front (its 完成), home, then 我要评价 for a past case: the case-number screen. */
  async function evaluatePastCase(page: Page): Promise<void> {
    await page.getByTestId('finish').click();
    await page.locator('[data-screen="home"]').waitFor();
    await page.locator('[data-feature="evaluate"]').click();
    await page.getByTestId('case-input').waitFor();
  }

  /** 退役军人优待证 (WD-KIOSK-036) applied for with the card, every question answered, pickup; up to the printed receipt. */
  async function apply(page: Page): Promise<string> {
    await page.getByTestId('open-search').click();
    for (const ch of 'tyjr') await page.locator(`[data-key="${ch}"]`).click();
    await page.locator('[data-testid="items"] [data-item="WD-KIOSK-036"]').click();
    await page.getByTestId('start-service').click();
    await page.locator('[data-testid="identify"][data-state="waiting"]').waitFor();
    await sim('idCardReader', 'insertCard', 'resident-young');
    await page.getByTestId('consent').waitFor({ timeout: 20_000 });
    await page.getByTestId('consent-accept').click();
    await page.getByTestId('questions').waitFor();
    const fields = page.locator('[data-testid="questions"] fieldset[data-field]');
    for (let i = 0; i < (await fields.count()); i++) {
      const f = fields.nth(i);
      const id = (await f.getAttribute('data-field'))!;
      if (await f.locator('[data-testid="digit-pad"]').count()) for (const ch of PHONE) await page.locator(`fieldset[data-field="${id}"] [data-key="${ch}"]`).click();
      else await f.locator('[data-option]').first().click();
    }
    await page.getByTestId('step-next').click();
    const mats = page.locator('[data-testid="materials"] fieldset[data-material]');
    await page.getByTestId('materials').waitFor();
    for (let i = 0; i < (await mats.count()); i++) await mats.nth(i).locator('[data-choice="have"]').click();
    await page.getByTestId('step-next').click();
    await page.locator('[data-delivery="pickup"]').click();
    await page.getByTestId('step-next').click();
    await page.getByTestId('check').waitFor();
    await page.getByTestId('submit').click();
    await page.getByTestId('printed').waitFor({ timeout: 30_000 });
    return (await page.getByTestId('case-no').textContent())!.trim();
  }

  /** The evaluation screen at every size, in elder mode and in English (and the reasons a 差评 asks for), back to the base. */
  async function lookAtEveryLayout(page: Page): Promise<void> {
    const rating = page.locator('[data-testid="service-evaluation"][data-state="\\"rating\\""]');
    for (const [toggle, name] of [
      ['toggle-elder', 'elder'],
      ['toggle-language', 'elder-en'],
    ] as const) {
      await page.getByTestId(toggle).click();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await rating.waitFor();
        const skip = await page.getByTestId('skip').boundingBox();
        // The whole choice is on screen: the last level and 跳过 need no scrolling.
        expect(skip!.y + skip!.height, `${name} ${size.width}×${size.height}`).toBeLessThanOrEqual(size.height);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `evaluation-${name}-${size.width}x${size.height}.png`) });
      }
    }
    await page.locator('[data-level="2"]').click();
    await page.locator('[data-reason="device"]').waitFor();
    expect(await axe(page), 'reasons').toEqual([]);
    // The reasons, the whole call-back pad and the action row fit at every size (elder, English): nothing scrolls or hides under the action row.
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const where = `reasons ${size.width}×${size.height}`;
      await page.screenshot({ path: join(SCREENSHOT_DIR, `evaluation-reasons-elder-en-${size.width}x${size.height}.png`) });
      expect(await page.locator('.screen__body').evaluate((b) => b.scrollHeight - b.clientHeight), where).toBeLessThanOrEqual(1);
      const body = (await page.locator('.screen__body').boundingBox())!;
      const actions = (await page.locator('.evaluation__reasons .actions').boundingBox())!;
      for (const sel of ['[data-reason="device"]', '[data-key="0"]', '[data-key="backspace"]', '[data-testid="submit"]']) {
        const box = (await page.locator(sel).boundingBox())!;
        expect(box.y + box.height, `${where}: ${sel} inside the body`).toBeLessThanOrEqual(body.y + body.height + 1);
        if (!sel.includes('submit'))
          expect(box.y + box.height <= actions.y || box.x >= actions.x + actions.width || box.x + box.width <= actions.x, `${where}: ${sel} clear of the action row`).toBe(true);
      }
    }
    // A level chosen on the screen can be taken back; nothing was recorded.
    await page.getByTestId('back').click();
    await rating.waitFor();
    await page.getByTestId('toggle-language').click();
    await page.getByTestId('toggle-elder').click();
    await page.setViewportSize({ width: 1920, height: 1080 });
  }

  it('an application ends on the evaluation (QR on screen and on the device); a press on the device is the one record and the screen follows; 我要评价 of that case says it was rated', async () => {
    const page = await rig.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(d.url);
    await page.getByTestId('start').click();
    await page.locator('[data-screen="home"]').waitFor();
    const caseNo = await apply(page);

    await page.getByTestId('finish').click();
    await page.locator('[data-testid="service-evaluation"][data-state="\\"rating\\""]').waitFor({ timeout: 20_000 });
    const url = `https://zwfw.example.gov.cn/hcp?case=${encodeURIComponent(caseNo)}`;
    expect(await page.getByTestId('screen-qr').getAttribute('data-text')).toBe(url);
    expect(await page.getByTestId('evaluation-case').textContent()).toContain(caseNo);
    // The faces are the shipped SVGs with their words, never colour alone.
    for (const l of [5, 4, 3, 2, 1]) expect(await page.locator(`[data-level="${l}"] .level__face svg`).count(), `face ${l}`).toBe(1);
    expect(await showing()).toBe(caseNo);
    expect(await axe(page), 'evaluation').toEqual([]);
    await lookAtEveryLayout(page);

    const ws = await d.connect();
    const recorded: Array<{ eventKey: string; channel: string; level: number }> = [];
    ws.on('message', (m) => {
      const msg = JSON.parse(String(m));
      if (msg.kind === 'event' && msg.name === 'evaluation.recorded') recorded.push(msg.data);
    });
    await sim('evalDisplay', 'rate', '4');
    await page.getByTestId('evaluate-thanks').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('evaluate-thanks').textContent()).toContain('评价器');
    expect(recorded).toEqual([{ eventKey: caseNo, channel: 'device', level: 4, caseNo: expect.any(String) }]);
    expect(await showing()).toBeNull();
    // One rating per event: a second one, from any channel, is refused.
    const again = await call(ws, 'evaluation.rate', { idempotencyKey: crypto.randomUUID(), eventKey: caseNo, channel: 'qr', level: 5 });
    expect(again.error?.code).toBe('alreadyRated');

    await evaluatePastCase(page);
    for (const ch of caseNo.replace(/-/g, '').toLowerCase()) await page.locator(`[data-key="${ch}"]`).click();
    await page.getByTestId('submit').click();
    await page.getByTestId('evaluation-rated').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'evaluation-already-rated.png') });

    // The same case by scanning the receipt's evaluation QR: the scanner is armed while the screen asks for a case.
    await evaluatePastCase(page);
    await sim('scanner', 'scan', url);
    await page.getByTestId('evaluation-rated').waitFor({ timeout: 20_000 });
    expect(recorded).toHaveLength(1);
    ws.close();
    await page.close();
  }, 180_000);
});
