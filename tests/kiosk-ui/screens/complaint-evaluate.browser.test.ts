import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call, type SpawnedDaemon } from '../../helpers/daemon';
import { SCREENSHOT_DIR, SKIP_BROWSER, axe, useKioskRig } from '../../helpers/browser';

// 有诉即办 and 好差评 in Chromium against the real daemon: what was submitted
// is read back from the daemon (case.progress), what was printed from the
// printer emulator.
const PHONE = '13712345678';

describe.skipIf(SKIP_BROWSER)('有诉即办 and 好差评 (Chromium, real daemon)', () => {
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
    await page.getByTestId('finish').click();
    await page.locator('[data-screen="home"]').waitFor();
    await page.getByTestId('end').click();
    await page.getByTestId('start').waitFor();
    await noPhoneLeft(page);
    await page.close();
  });

  it('a poor rating asks why, ties to a case number, and is recorded; elder mode in portrait', async () => {
    const ws = await d.connect();
    const called = await call(ws, 'submission.submit', { kind: 'callStaff', idempotencyKey: crypto.randomUUID(), payload: { reason: 'help' } });
    const caseNo: string = called.result.caseNo;
    const page = await home({ width: 1080, height: 1920 });
    await page.getByTestId('toggle-elder').click();
    await page.locator('[data-feature="evaluate"]').click();
    // The faces are the shipped SVGs, never emoji or font glyphs (which render as boxes where the font lacks them).
    for (const l of [5, 4, 3, 2, 1]) {
      expect(await page.locator(`[data-level="${l}"] .level__face svg`).count(), `face ${l}`).toBe(1);
      expect(await page.locator(`[data-level="${l}"]`).textContent()).not.toMatch(/\p{Extended_Pictographic}/u);
    }
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'evaluate-faces-elder-portrait.png') });
    await page.locator('[data-level="2"]').click();
    await page.locator('[data-reason="effic"]').click();
    await page.locator('[data-reason="trips"]').click();
    expect(await axe(page), 'reasons').toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'evaluate-reasons-portrait.png') });
    await page.getByTestId('step-next').click();
    for (const ch of caseNo.replace(/-/g, '').toLowerCase()) await page.locator(`[data-key="${ch}"]`).click();
    const accepted = new Promise<any>((resolve) => {
      ws.on('message', (m) => {
        const msg = JSON.parse(String(m));
        if (msg.kind === 'event' && msg.name === 'submission.accepted' && msg.data.kind === 'evaluation') resolve(msg.data);
      });
    });
    await page.getByTestId('submit').click();
    await page.getByTestId('evaluate-thanks').waitFor({ timeout: 20_000 });
    const ev = await accepted;
    const progress = await call(ws, 'case.progress', { caseNo: ev.caseNo });
    expect(progress.result.cases[0]).toMatchObject({ kind: 'evaluation' });
    ws.close();
    await page.getByTestId('finish').click();
    await page.locator('[data-screen="home"]').waitFor();
    await page.close();
  });
});
