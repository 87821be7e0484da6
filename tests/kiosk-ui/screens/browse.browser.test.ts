import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call, type SpawnedDaemon } from '../../helpers/daemon';
import { SCREENSHOT_DIR, SKIP_BROWSER, axe, useKioskRig, newTestPage } from '../../helpers/browser';

describe.skipIf(SKIP_BROWSER)('a newcomer finds a service (Chromium)', () => {
  // The notice prints at ten times a kiosk printer's paper speed: what is printed is tested here, not how long
  // the paper takes (tests/device-daemon/devices/printer has the mechanism's timing).
  const rig = useKioskRig({ beforeAll, afterAll }, { config: { devices: { printer: { printSpeedMmPerSec: 2000 } } } });
  let browser: Browser;
  let d: SpawnedDaemon;
  beforeAll(() => {
    browser = rig.browser();
    d = rig.daemon();
  });

  async function lastJobs(): Promise<Array<{ lines: string[]; qr: string[] }>> {
    const ws = await d.connect();
    const res = await call(ws, 'printer.lastJobs', { limit: 20 });
    ws.close();
    expect(res.ok).toBe(true);
    return res.result.jobs;
  }

  async function open(viewport: { width: number; height: number }, opts: { english?: boolean; elder?: boolean } = {}): Promise<Page> {
    // bypassCSP only so the test can inject axe-core; the app itself runs under the daemon's CSP.
    const page = await newTestPage(browser, { viewport, hasTouch: true, bypassCSP: true });
    await page.goto(d.url);
    await page.locator('[data-screen="attract"]').waitFor();
    if (opts.english) await page.getByTestId('toggle-language').click();
    if (opts.elder) await page.getByTestId('toggle-elder').click();
    await page.getByTestId('start').click();
    await page.locator('[data-screen="home"] [data-category]').first().waitFor();
    return page;
  }

  for (const [label, viewport, opts] of [
    ['zh landscape', { width: 1920, height: 1080 }, {}],
    ['en elder portrait', { width: 1080, height: 1920 }, { english: true, elder: true }],
  ] as const) {
    it(`${label}: category → item → guide → print the one-time notice; Back does not print again`, async () => {
      const page = await open(viewport, opts);
      const tag = label.replace(/ /g, '-');
      expect(await axe(page), 'home').toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${tag}-home.png`) });
      await page.locator('[data-category="socialInsurance"]').click();
      await page.locator('[data-screen="category"]').waitFor();
      expect(await axe(page), 'category').toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${tag}-category.png`) });
      const first = page.locator('[data-testid="items"] [data-item]').first();
      const itemName = (await first.textContent())!;
      await first.click();
      await page.locator('[data-screen="item"]').waitFor();
      await page.locator('[data-section="materials"]').click();
      await page.getByTestId('guide-materials').waitFor();
      expect(await axe(page), 'guide').toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${tag}-guide.png`) });

      const before = (await lastJobs()).length;
      await page.getByTestId('print-notice').click();
      await page
        .getByTestId('notice-status')
        .filter({ hasText: opts.english ? 'Printed' : '已打印' })
        .waitFor({ timeout: 30_000 });
      const jobs = await lastJobs();
      expect(jobs.length).toBe(before + 1);
      const text = jobs.at(-1)!.lines.join('\n');
      expect(text).toContain('一次性告知');
      expect(jobs.at(-1)!.qr[0]).toMatch(/^https:\/\//);
      if (!opts.english) expect(text).toContain(itemName.trim().slice(0, 6));

      await page.getByTestId('back').click();
      await page.locator('[data-screen="category"]').waitFor();
      await page.getByTestId('back').click();
      await page.locator('[data-screen="home"]').waitFor();
      expect((await lastJobs()).length).toBe(before + 1);
      await page.close();
    });
  }

  it('search by pinyin initials per keystroke finds 社保…查询, and a reset leaves no trace', async () => {
    const page = await open({ width: 1920, height: 1080 });
    await page.getByTestId('open-search').click();
    await page.locator('[data-screen="search"]').waitFor();
    for (const k of 'sbcx') await page.locator(`[data-key="${k}"]`).click();
    await expect(page.getByTestId('search-query').textContent()).resolves.toBe('sbcx');
    const names = await page.locator('[data-testid="items"] [data-item]').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    // The 社保 queries rank first (by name or by the words residents use for them).
    expect(names[0]).toMatch(/社会保险/);
    expect(names.some((n) => /社会保险.*查询/.test(n))).toBe(true);
    expect(await axe(page), 'search').toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'search-sbcx.png') });
    await page.locator('[data-key="backspace"]').click();
    await expect(page.getByTestId('search-query').textContent()).resolves.toBe('sbc');

    await page.getByTestId('end').click();
    await page.locator('[data-screen="attract"]').waitFor();
    const html = await page.content();
    expect(html).not.toContain('sbc');
    const storage = await page.evaluate(() => [localStorage.length, sessionStorage.length]);
    expect(storage).toEqual([0, 0]);
    // A new session starts at home with an empty search.
    await page.getByTestId('start').click();
    await page.getByTestId('open-search').click();
    await expect(page.getByTestId('search-query').textContent()).resolves.not.toContain('sbc');
    await page.close();
  });

  it('有诉即办 and 好差评 open from home and pass the accessibility rules; Back returns home', async () => {
    const page = await open({ width: 1920, height: 1080 });
    await page.locator('[data-feature="evaluate"]').click();
    await page.locator('[data-screen="evaluate"] [data-testid="case-input"]').waitFor();
    expect(await axe(page), 'evaluate').toEqual([]);
    await page.getByTestId('back').click();
    await page.locator('[data-feature="complain"]').click();
    await page.locator('[data-screen="complain"] [data-category]').first().waitFor();
    expect(await axe(page), 'complain').toEqual([]);
    await page.getByTestId('back').click();
    await page.locator('[data-screen="home"]').waitFor();
    await page.close();
  });

  it('with the printer out of paper the print button says why and the guide still works', async () => {
    const post = (a: string) => fetch(`${d.url}sim/printer/${a}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const page = await open({ width: 1920, height: 1080 });
    await post('paperOut');
    try {
      await page.locator('[data-testid="frequent"] [data-item]').first().click();
      await page.locator('[data-screen="item"]').waitFor();
      await page.getByTestId('notice-status').filter({ hasText: '打印纸已用完' }).waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('print-notice').isDisabled()).toBe(true);
      await page.locator('[data-section="steps"]').click();
      await page.getByTestId('guide-steps').waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'guide-paper-out.png') });
    } finally {
      await post('paperLoad');
    }
    await page.getByTestId('print-notice').filter({ hasNotText: 'x' }).and(page.locator(':enabled')).waitFor({ timeout: 15_000 });
    await page.close();
  });

  it("voice mode speaks each screen's prompt; without a browser voice it plays the recording", async () => {
    const page = await newTestPage(browser, { viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(() => {
      (window as any).__played = [];
      HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
        (window as any).__played.push(this.src);
        return Promise.resolve();
      };
    });
    await page.goto(d.url);
    await page.getByTestId('toggle-voice').click();
    await page.getByTestId('start').click();
    await page.locator('[data-screen="home"] [data-category]').first().waitFor();
    await page.getByTestId('open-search').click();
    await page.locator('[data-screen="search"]').waitFor();
    const played = (await page.evaluate(() => (window as any).__played)) as string[];
    expect(played.map((u) => new URL(u).pathname)).toEqual(['/audio/zh-CN/voice.home.wav', '/audio/zh-CN/voice.search.wav']);
    // The recordings are served by the daemon.
    const res = await fetch(new URL('/audio/zh-CN/voice.home.wav', d.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    await page.close();
  });
});
