import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call, nextEvent, type SpawnedDaemon } from '../../helpers/daemon';
import { SCREENSHOT_DIR, SKIP_BROWSER, useKioskRig, newTestPage } from '../../helpers/browser';

describe.skipIf(SKIP_BROWSER)('call staff and progress lookup (Chromium, real daemon)', () => {
  const rig = useKioskRig({ beforeAll, afterAll });
  let browser: Browser;
  let d: SpawnedDaemon;
  beforeAll(() => {
    browser = rig.browser();
    d = rig.daemon();
  });

  async function home(): Promise<Page> {
    const page = await newTestPage(browser, { viewport: { width: 1920, height: 1080 } });
    await page.goto(d.url);
    await page.getByTestId('start').click();
    await page.locator('[data-screen="home"] [data-feature]').first().waitFor();
    return page;
  }

  it('calling staff records the request, notifies staff and says what happens next', async () => {
    const ws = await d.connect();
    const called = nextEvent(ws, (e) => e.name === 'staff.called');
    const page = await home();
    await page.locator('[data-feature="callStaff"]').click();
    await page.locator('[data-reason="accessibility"]').click();
    await page.getByTestId('call-done').waitFor();
    const text = (await page.getByTestId('call-done').textContent())!;
    expect(text).toMatch(/WD0001-\d{8}-\d{5}-[0-9A-Z*]/);
    const event = await called;
    expect(text).toContain(event.data.caseNo);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'call-staff-done.png') });
    // Recorded durably: the daemon answers progress for the same number.
    expect(await call(ws, 'case.progress', { caseNo: event.data.caseNo })).toMatchObject({ ok: true, result: { cases: [{ caseNo: event.data.caseNo, kind: 'callStaff' }] } });
    ws.close();
    await page.close();
  });

  it('looks a case up by the number typed on the terminal keyboard, and explains a wrong one', async () => {
    const ws = await d.connect();
    const sub = await call(ws, 'submission.submit', { kind: 'callStaff', idempotencyKey: randomUUID(), payload: { reason: 'help' } });
    ws.close();
    const caseNo: string = sub.result.caseNo;
    const page = await home();
    await page.locator('[data-feature="progress"]').click();
    await page.locator('[data-screen="progress"]').waitFor();
    // Dashes are optional: type only letters and digits, as a resident would on this keyboard.
    for (const ch of caseNo.replace(/-/g, '').toLowerCase()) await page.locator(`[data-key="${ch}"]`).click();
    await page.getByTestId('progress-submit').click();
    await page.getByTestId('progress-result').waitFor();
    expect(await page.getByTestId('progress-result').textContent()).toContain(caseNo);
    expect(await page.locator('[data-testid="timeline"] li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'progress-found.png') });

    await page.getByRole('button', { name: /查询其他办件/ }).click();
    // Change the last character: the check character no longer fits.
    const wrong = caseNo.replace(/-/g, '').toLowerCase().slice(0, -1) + (caseNo.endsWith('A') ? 'b' : 'a');
    for (const ch of wrong) await page.locator(`[data-key="${ch}"]`).click();
    await page.getByTestId('progress-submit').click();
    await page.getByTestId('progress-error').waitFor();
    expect(await page.getByTestId('progress-error').textContent()).toMatch(/不正确|没有找到/);
    await page.close();
  });
});
