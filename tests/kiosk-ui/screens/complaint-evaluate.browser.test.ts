import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call, type SpawnedDaemon } from '../../helpers/daemon';
import { SCREENSHOT_DIR, SKIP_BROWSER, axe, useKioskRig } from '../../helpers/browser';

// 有诉即办 in Chromium against the real daemon (好差评: evaluation.browser.test.ts): what was submitted
// is read back from the daemon (case.progress), what was printed from the
// printer emulator.
const PHONE = '13712345678';

describe.skipIf(SKIP_BROWSER)('有诉即办 (Chromium, real daemon)', () => {
  const rig = useKioskRig({ beforeAll, afterAll });
  let browser: Browser;
  let d: SpawnedDaemon;
  beforeAll(() => {
    browser = rig.browser();
    d = rig.daemon();
  });
  const sim = (device: string, action: string) => fetch(`${d.url}sim/${device}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

  async function home(viewport = { width: 1920, height: 1080 }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    await page.goto(d.url);
    await page.getByTestId('start').click();
    await page.locator('[data-screen="home"]').waitFor();
    return page;
  }

  async function noPhoneLeft(page: Page) {
    const left = await page.evaluate((p) => {
      const all = [document.documentElement.outerHTML, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })].join('\n');
      return all.includes(p);
    }, PHONE);
    expect(left).toBe(false);
  }

  it('a complaint with a call-back phone, printed receipt; paper out first, then reprint', async () => {
    const page = await home();
    await page.locator('[data-feature="complain"]').click();
    await page.locator('[data-category="efficiency"]').click();
    await page.locator('[data-statement="overdue"]').click();
    await page.locator('[data-statement="callMe"]').click();
    expect(await axe(page), 'statements').toEqual([]);
    await page.getByTestId('step-next').click();
    // A half-typed phone is refused with a reason.
    for (const ch of PHONE.slice(0, 6)) await page.locator(`[data-field="callbackPhone"] [data-key="${ch}"]`).click();
    await page.getByTestId('step-next').click();
    await page.getByTestId('field-problem').waitFor();
    for (const ch of PHONE.slice(6)) await page.locator(`[data-field="callbackPhone"] [data-key="${ch}"]`).click();
    await page.getByTestId('step-next').click();
    await page.getByTestId('check').waitFor();
    expect(await page.getByTestId('check').textContent()).toContain('137****5678');
    expect(await axe(page), 'check').toEqual([]);
    await sim('printer', 'paperOut');
    try {
      await page.getByTestId('submit').click();
      await page.getByTestId('print-failed').waitFor({ timeout: 30_000 });
      const caseNo = (await page.getByTestId('case-no').textContent())!.trim();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'complaint-paper-out.png') });
      await sim('printer', 'paperLoad');
      await page.locator('[data-testid="print"]:enabled').waitFor({ timeout: 15_000 });
      await page.getByTestId('print').click();
      await page.getByTestId('printed').waitFor({ timeout: 30_000 });
      const ws = await d.connect();
      const jobs = (await call(ws, 'printer.lastJobs', { limit: 1 })).result.jobs;
      const text = jobs.at(-1).lines.join('\n');
      expect(text).toContain(caseNo);
      expect(text).toContain('137****5678');
      expect(text).not.toContain(PHONE);
      const progress = await call(ws, 'case.progress', { caseNo });
      expect(progress.result.cases[0]).toMatchObject({ caseNo, kind: 'complaint' });
      expect(progress.result.cases[0].promisedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      ws.close();
    } finally {
      await sim('printer', 'paperLoad');
    }
    // 完成 goes on to the rating of the complaint (by its case number); 跳过 records nothing.
    await page.getByTestId('finish').click();
    await page.getByTestId('evaluation-case').waitFor();
    await page.getByTestId('skip').click();
    await page.locator('[data-screen="home"]').waitFor();
    await page.getByTestId('end').click();
    await page.getByTestId('start').waitFor();
    await noPhoneLeft(page);
    await page.close();
  });
});
