import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call, type SpawnedDaemon } from '../../helpers/daemon';
import { SCREENSHOT_DIR, SKIP_BROWSER, axe, useKioskRig, newTestPage } from '../../helpers/browser';
import { waitUntil } from '../../helpers/wait';

// 办件查询 by scanning the receipt's progress QR, in Chromium against the real
// daemon: the simulated scanner sends the URL through the real serial driver;
// the page armed the scanner when the progress screen opened.
describe.skipIf(SKIP_BROWSER)('progress lookup by scanning the receipt QR (Chromium, real daemon)', () => {
  const rig = useKioskRig({ beforeAll, afterAll });
  let browser: Browser;
  let d: SpawnedDaemon;
  beforeAll(() => {
    browser = rig.browser();
    d = rig.daemon();
  });

  const scan = async (action: string, param?: string) => {
    const r = await fetch(`${d.url}sim/scanner/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(param === undefined ? {} : { param }) });
    if (!r.ok) throw new Error(`sim scanner/${action}: ${r.status} ${await r.text()}`);
  };
  const health = async () => (await (await fetch(`${d.url}health`)).json()) as { scanner: { armed: unknown; scanned: number; ignored: number; delivered: number } };

  const until = <T>(fn: () => Promise<T | undefined>, what: string) => waitUntil(fn, { timeoutMs: 10_000, what, intervalMs: 50 });

  async function home(): Promise<Page> {
    const page = await newTestPage(browser, { viewport: { width: 1920, height: 1080 } });
    await page.goto(d.url);
    await page.getByTestId('start').click();
    await page.locator('[data-screen="home"] [data-feature]').first().waitFor();
    return page;
  }

  it('a code scanned on the home screen does nothing; on 办件查询 the receipt QR opens the timeline', async () => {
    // A real case number: a call-staff request accepted by the daemon.
    const ws = await d.connect();
    const sub = await call(ws, 'submission.submit', { kind: 'callStaff', idempotencyKey: randomUUID(), payload: { reason: 'help' } });
    ws.close();
    const caseNo: string = sub.result.caseNo;
    const progressUrl = `https://zwfw.example.gov.cn/progress?case=${caseNo}`;

    const page = await home();
    const before = await health();
    await scan('scan', progressUrl);
    const after = await until(async () => {
      const h = await health();
      return h.scanner.scanned > before.scanner.scanned ? h : undefined;
    }, 'the daemon to read the code');
    expect(after.scanner.ignored).toBe(before.scanner.ignored + 1); // read, and dropped: nobody armed it
    expect(after.scanner.delivered).toBe(before.scanner.delivered);
    expect(await page.locator('[data-screen="progress"]').count()).toBe(0);

    await page.locator('[data-feature="progress"]').click();
    await page.locator('[data-screen="progress"]').waitFor();
    await page.getByTestId('scan-hint').waitFor();
    expect(await page.getByTestId('scan-hint').textContent()).toContain('扫码');
    expect((await health()).scanner.armed).toMatchObject({ purpose: 'caseNo' });
    expect(await axe(page), 'progress screen with the scan hint').toEqual([]);

    // Something that is not a case number: explained, the resident stays on the screen.
    await scan('scan', 'https://example.com/coupon?id=12');
    await page.getByTestId('scan-not-case').waitFor();
    expect(await page.getByTestId('progress-result').count()).toBe(0);

    await scan('scan', progressUrl);
    await page.getByTestId('progress-result').waitFor();
    expect(await page.getByTestId('progress-result').textContent()).toContain(caseNo);
    expect(await page.locator('[data-testid="timeline"] li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'progress-scanned.png') });

    // Leaving the lookup disarms the scanner.
    await page.getByTestId('home').click();
    await page.locator('[data-screen="home"]').waitFor();
    await until(async () => ((await health()).scanner.armed === null ? true : undefined), 'the scanner to be disarmed after leaving the progress screen');
    await page.close();
  });

  it('the hint is shown only while a scanner is attached', async () => {
    const page = await home();
    await page.locator('[data-feature="progress"]').click();
    await page.getByTestId('scan-hint').waitFor();
    await scan('unplug');
    await page.getByTestId('scan-hint').waitFor({ state: 'detached' });
    await page.getByTestId('progress-submit').waitFor(); // typing the number still works
    await scan('replug');
    await page.getByTestId('scan-hint').waitFor();
    await page.close();
  });
});
