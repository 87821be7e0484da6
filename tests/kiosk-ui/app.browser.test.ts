import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { spawnDaemon, type SpawnedDaemon } from '../helpers/daemon';
import { waitUntil } from '../helpers/wait';
import { platformClient, startBroker } from '../device-daemon/fleet/mosquitto';
import { SCREENSHOT_DIR, SKIP_BROWSER, newTestPage, useKioskRig } from '../helpers/browser';

describe.skipIf(SKIP_BROWSER)('kiosk shell in Chromium', () => {
  const rig = useKioskRig({ beforeAll, afterAll });
  let browser: Browser;
  let d: SpawnedDaemon;
  beforeAll(() => {
    browser = rig.browser();
    d = rig.daemon();
  });

  /**
   * The kiosk at attract in a touch screen's tab. `clock`: the page's timers are Playwright's, for a test that
   * moves time on (its tab and context are then not lent to another test); the others get a lent tab.
   */
  async function openKiosk(viewport = { width: 1920, height: 1080 }, { clock = false } = {}): Promise<Page> {
    const page = await newTestPage(browser, { viewport, hasTouch: true });
    if (clock) await page.clock.install();
    await page.goto(d.url);
    await page.locator('[data-screen="attract"]').waitFor();
    return page;
  }

  it('renders the attract screen with the site and the device status from the daemon', async () => {
    const page = await openKiosk();
    await expect(page.locator('.attract__site').textContent()).resolves.toContain('东安路街道');
    await page.locator('[data-device="printer"][data-state="online"]').waitFor();
    expect(await page.locator('[data-device]').count()).toBe(4);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'attract-landscape.png') });
    await page.close();
  });

  it('starts a session on touch and shows the round-tripped terminal identity', async () => {
    const page = await openKiosk({ width: 1080, height: 1920 });
    await page.getByTestId('start').click();
    await page.locator('[data-screen="home"]').waitFor();
    await expect(page.getByTestId('terminal-id').textContent()).resolves.toMatch(/^WD0001 · v\d/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'home-portrait.png') });
    await page.close();
  });

  it('a terminal whose default language is English opens in English (its strings are not in the first script: loaded before that first screen)', async () => {
    const english = await spawnDaemon({ config: { locale: 'en' } });
    const page = await newTestPage(browser, { viewport: { width: 1920, height: 1080 } });
    try {
      await page.goto(english.url);
      await page.locator('[data-screen="attract"]').waitFor();
      expect(await page.locator('.attract__touch').textContent()).toBe('Touch the screen to start');
      await page.locator('html[lang="en"]').waitFor();
      await page.getByTestId('start').click();
      await page.locator('[data-screen="home"]').waitFor();
      await page.getByTestId('toggle-language').click();
      await page.locator('html[lang="zh-CN"]').waitFor();
    } finally {
      await page.close();
      await english.stop();
    }
  }, 60_000);

  it('shows a device going away and coming back, live', async () => {
    const page = await openKiosk();
    const sim = (action: string) => fetch(`${d.url}sim/evalDisplay/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await sim('unplug');
    await page.locator('[data-device="evalDisplay"][data-state="offline"]').waitFor();
    await sim('replug');
    await page.locator('[data-device="evalDisplay"][data-state="online"]').waitFor();
    await page.close();
  });

  it('warns before the idle reset, can be extended, then resets to attract', async () => {
    const page = await openKiosk(undefined, { clock: true });
    await page.getByTestId('start').click();
    await page.getByTestId('toggle-language').click();
    await page.locator('html[lang="en"]').waitFor();
    await page.clock.fastForward(91_000); // idle 90 s in the shipped config
    await page.getByTestId('idle-warning').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'idle-warning-en.png') });
    await page.getByTestId('idle-continue').click();
    await page.getByTestId('idle-warning').waitFor({ state: 'detached' });
    await page.locator('[data-screen="home"]').waitFor();
    await page.clock.fastForward(91_000);
    await page.getByTestId('idle-warning').waitFor();
    await page.clock.fastForward(31_000); // warning 30 s
    await page.locator('[data-screen="attract"]').waitFor();
    // Back to the terminal's defaults for the next person.
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.close();
  });

  it('shows "service unavailable" while the daemon is away and recovers by itself to attract', async () => {
    const first = await spawnDaemon();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await page.goto(first.url);
      await page.getByTestId('start').click();
      await page.locator('[data-screen="home"]').waitFor();
      await first.stop();
      await page.locator('[data-screen="unavailable"]').waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'unavailable.png') });
      const second = await spawnDaemon({ port: first.port, dataDir: first.dataDir, configPath: first.configPath });
      try {
        // New boot, new token: the page reloads itself and starts clean, never back inside the old session.
        await page.locator('[data-screen="attract"]').waitFor({ timeout: 20_000 });
        await page.locator('[data-device="printer"][data-state="online"]').waitFor();
      } finally {
        await second.stop();
      }
    } finally {
      await page.close();
    }
  }, 60_000); // two daemon starts and the page's reconnect backoff: slow on a loaded 2-core machine

  it('reloads itself when the fleet platform asks (reloadPage over MQTT, Mosquitto), back at attract', async () => {
    const broker = await startBroker();
    const platform = await platformClient(broker.url);
    const fleetDaemon = await spawnDaemon({ config: { fleet: { url: broker.url, accessToken: 'tok-RELOAD', telemetrySeconds: 60 } } });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await page.goto(fleetDaemon.url);
      await page.locator('[data-screen="attract"]').waitFor();
      await waitUntil(async () => (await (await fetch(`${fleetDaemon.url}health`)).json()).fleet.state === 'connected', { what: 'the fleet link up' });
      // A mark that only this load of the page carries: a reload loses it.
      await page.evaluate(() => {
        (window as unknown as { loadMark?: number }).loadMark = 1;
      });
      const reloaded = page.waitForEvent('load');
      await platform.client.publishAsync('v1/devices/me/rpc/request/1', JSON.stringify({ method: 'reloadPage', params: {} }), { qos: 1 });
      const answer = await waitUntil(() => platform.json('v1/devices/me/rpc/response/1')[0] as { result?: { sent: boolean } }, { what: 'the RPC answer' });
      expect(answer.result).toEqual(expect.objectContaining({ sent: true }));
      await reloaded;
      await page.locator('[data-screen="attract"]').waitFor();
      expect(await page.evaluate(() => (window as unknown as { loadMark?: number }).loadMark)).toBeUndefined();
    } finally {
      await page.close();
      await fleetDaemon.stop();
      await platform.client.endAsync(true);
      await broker.stop();
    }
  });
});
