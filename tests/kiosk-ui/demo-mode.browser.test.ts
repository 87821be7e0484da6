import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../device-daemon/config/pin-hash';
import { SKIP_BROWSER, launchChromium } from '../helpers/browser';
import { call, spawnDaemon, type SpawnedDaemon } from '../helpers/daemon';

// Demo mode (演示模式) in Chromium on the real daemon and its simulators: staff
// start it, every screen carries the mark, a sample card from the staff panel
// goes through an application, the printer emulator's receipt carries the mark
// and a DEMO- case number, and 退出演示 (PIN again) ends it and deletes the demo store.

const STAFF = { staffNo: 'S0001', pin: '246813' };

describe.skipIf(SKIP_BROWSER)('demo mode (Chromium, real daemon and simulators)', () => {
  let browser: Browser;
  let d: SpawnedDaemon;
  beforeAll(async () => {
    browser = await launchChromium();
    d = await spawnDaemon({ config: { staff: { accounts: [{ staffNo: STAFF.staffNo, name: '示例员', role: 'staff', pinHash: hashPin(STAFF.pin) }] } } });
  });
  afterAll(async () => {
    await browser?.close();
    await d?.stop();
  });

  const keys = async (page: Page, text: string) => {
    for (const ch of text.toLowerCase()) await page.locator(`[data-testid="staff-pin-form"] [data-key="${ch}"]`).click();
  };

  it('the mark on every screen, an application with a sample card, the receipt marked with a DEMO- number; 退出演示 deletes the demo store', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(d.url);
    await page.getByTestId('start').waitFor();
    expect(await page.getByTestId('demo-mark').count()).toBe(0);

    const ws = await d.connect();
    const started = await call(ws, 'demo.start', STAFF);
    ws.close();
    expect(started.ok, JSON.stringify(started.error)).toBe(true);
    await page.getByTestId('demo-mark').waitFor();

    // 退役军人优待证 with the panel's resident sample card.
    await page.getByTestId('start').click();
    await page.getByTestId('open-search').click();
    for (const ch of 'tyjr') await page.locator(`[data-key="${ch}"]`).click();
    await page.locator('[data-testid="items"] [data-item="WD-KIOSK-036"]').click();
    expect(await page.getByTestId('demo-mark').isVisible()).toBe(true);
    await page.getByTestId('start-service').click();
    await page.locator('[data-testid="identify"][data-state="waiting"]').waitFor();
    await page.getByTestId('demo-panel-open').click();
    await page.getByTestId('demo-sample-resident').click();
    await page.getByTestId('consent').waitFor({ timeout: 20_000 });
    await page.getByTestId('consent-accept').click();
    await page.getByTestId('questions').waitFor();
    const fields = page.locator('[data-testid="questions"] fieldset[data-field]');
    for (let i = 0; i < (await fields.count()); i++) {
      const f = fields.nth(i);
      if (await f.locator('[data-testid="digit-pad"]').count()) for (const ch of '13912345678') await f.locator(`[data-key="${ch}"]`).click();
      else await f.locator('[data-option]').first().click();
    }
    await page.getByTestId('step-next').click();
    const mats = page.locator('[data-testid="materials"] fieldset[data-material]');
    for (let i = 0; i < (await mats.count()); i++) await mats.nth(i).locator('[data-choice="have"]').click();
    await page.getByTestId('step-next').click();
    await page.locator('[data-delivery="pickup"]').click();
    await page.getByTestId('step-next').click();
    await page.getByTestId('submit').click();
    await page.getByTestId('accepted').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('demo-mark').isVisible()).toBe(true);
    const caseNo = (await page.getByTestId('case-no').textContent())!.trim();
    expect(caseNo).toMatch(/^DEMO-WD0001-/);
    await page.getByTestId('printed').waitFor({ timeout: 30_000 });

    // The receipt as the printer emulator rendered it.
    const ws2 = await d.connect();
    const job = (await call(ws2, 'printer.lastJobs', { limit: 1 })).result.jobs.at(-1) as { lines: string[] };
    const text = job.lines.join('\n');
    expect(text).toContain('受理回执');
    expect(text).toContain('演示 DEMO');
    expect(text).toContain(caseNo);
    expect(existsSync(join(d.dataDir, 'kiosk-demo.db'))).toBe(true);

    // 退出演示: a wrong PIN is refused on screen, the right one ends the mode.
    await page.getByTestId('demo-panel-open').click();
    await page.getByTestId('demo-exit').click();
    await keys(page, STAFF.staffNo);
    await page.getByTestId('demo-next').click();
    await keys(page, '111111');
    await page.getByTestId('demo-confirm').click();
    await page.getByTestId('demo-problem').waitFor();
    await keys(page, STAFF.pin);
    await page.getByTestId('demo-confirm').click();
    await page.getByTestId('demo-mark').waitFor({ state: 'detached' });
    expect(existsSync(join(d.dataDir, 'kiosk-demo.db'))).toBe(false);
    // The real store never heard of the demo case.
    const progress = await call(ws2, 'demo.status', {});
    expect(progress.result.active).toBe(false);
    const outbox = await call(ws2, 'outbox.status', {});
    ws2.close();
    expect(outbox.result.total).toBe(0);
    await page.close();
  }, 90_000);
});
