import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, SKIP_BROWSER, axe, launchChromium, newTestPage } from '../../helpers/browser';
import { spawnDaemon, type SpawnedDaemon } from '../../helpers/daemon';

// The guide in words a resident reads: enum values as words in both
// languages, no text still marked 待核, and for an item done here the
// terminal's own hours and no ID-card copies to bring. And before anyone
// identifies, whether the printout the item ends in can come out now.

/** 社会保险个人参保证明打印 (queryPrint): levels city/county/township, 公共服务, one channel still 待核. */
const CERTIFICATE = { initials: 'shbxgrcbzm', id: 'WD-KIOSK-003' };

async function openGuide(browser: Browser, d: SpawnedDaemon, english: boolean): Promise<Page> {
  const page = await newTestPage(browser, { viewport: { width: 1080, height: 1920 }, bypassCSP: true });
  await page.goto(d.url);
  await page.locator('[data-screen="attract"]').waitFor();
  if (english) await page.getByTestId('toggle-language').click();
  await page.getByTestId('start').click();
  await page.locator('[data-screen="home"]').waitFor();
  await page.getByTestId('open-search').click();
  for (const ch of CERTIFICATE.initials) await page.locator(`[data-key="${ch}"]`).click();
  await page.locator(`[data-testid="items"] [data-item="${CERTIFICATE.id}"]`).click();
  await page.getByTestId('guide-basic').waitFor();
  return page;
}

async function section(page: Page, name: string): Promise<string> {
  await page.locator(`[data-section="${name}"]`).click();
  return (await page.getByTestId(`guide-${name}`).textContent()) ?? '';
}

describe.skipIf(SKIP_BROWSER)('the guide (Chromium, real daemon)', () => {
  let browser: Browser;
  let d: SpawnedDaemon;
  beforeAll(async () => {
    browser = await launchChromium();
    d = await spawnDaemon();
  });
  afterAll(async () => {
    await browser?.close();
    await d?.stop();
  });

  it('levels and item type as words, nothing 待核, the terminal hours and no copies for an item done here', async () => {
    const page = await openGuide(browser, d, false);
    const basic = await section(page, 'basic');
    expect(basic).toContain('市级、区县级、乡镇（街道）级');
    expect(basic).toContain('公共服务');
    expect(basic).not.toMatch(/city|county|township|publicService|待核/u);
    const materials = await section(page, 'materials');
    expect(materials).toContain('无需携带复印件');
    expect(materials).not.toContain('复印件 1 份');
    const where = await section(page, 'where');
    expect(where).toContain('全天 24 小时');
    expect(where).not.toContain('自助终端');
    for (const s of ['conditions', 'steps', 'time']) expect(await section(page, s)).not.toContain('待核');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'guide-words-zh.png') });
    await page.close();
  }, 60_000);

  it('in English the words are English', async () => {
    const page = await openGuide(browser, d, true);
    const basic = await section(page, 'basic');
    expect(basic).toContain('City, District or county, Township or sub-district');
    expect(basic).toContain('Public service');
    expect(await section(page, 'where')).toContain('24 hours a day');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'guide-words-en.png') });
    await page.close();
  }, 60_000);

  it('says before identification whether it can print now and offers the look-up on screen; the message follows the printer live', async () => {
    const page = await openGuide(browser, d, false);
    const notice = page.getByTestId('printer-notice');
    expect(await notice.getAttribute('data-printer')).toBe('ready');
    expect(await page.getByTestId('start-service').textContent()).toContain('查询并打印');
    await d.sim('printer', 'paperOut');
    try {
      await page.locator('[data-testid="printer-notice"][data-printer="blocked"]').waitFor({ timeout: 15_000 });
      expect(await notice.textContent()).toContain('在屏幕上查看');
      expect(await notice.textContent()).not.toContain('故障');
      expect(await page.getByTestId('start-service').textContent()).toContain('在屏幕上查看');
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'guide-printer-paper-out.png') });
      // Paper reloaded: the notice clears at once (the printer's status event), the printout is offered again.
      await d.sim('printer', 'paperLoad');
      await page.locator('[data-testid="printer-notice"][data-printer="ready"]').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('start-service').textContent()).toContain('查询并打印');
    } finally {
      await d.sim('printer', 'paperLoad');
    }
    await page.close();
  }, 60_000);
});
