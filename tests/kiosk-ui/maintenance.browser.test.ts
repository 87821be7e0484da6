import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../helpers/wait';
import { hashPin } from '../../device-daemon/config/pin-hash';
import { readRawConfig } from '../../device-daemon/config/save-config';
import { launchChromium, residentWithRecords, SCREENSHOT_DIR, SKIP_BROWSER } from '../helpers/browser';
import { call, spawnDaemon, type SpawnedDaemon } from '../helpers/daemon';

// Maintenance mode on the terminal's own screen (Chromium, one real daemon for the file): a resident's
// session with a card read, the hidden gesture, a wrong PIN then the right one (the resident's session
// wiped), the devices page and a test page checked in the printer emulator, the idle timeout changed and
// seen on the resident screen after leaving, and screenshots of every maintenance page.
const PIN = '13572468';
const SIZES = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
  { width: 1280, height: 1024 },
];
const PAGES = ['devices', 'ports', 'settings', 'counters'] as const;
/** What shows that a page has its answer from the daemon (not its "reading…" line). */
const READY: Record<(typeof PAGES)[number], string> = {
  devices: '[data-device="printer"]',
  ports: '[data-testid="maint-ports"] ul',
  settings: '[data-setting="site.name"]',
  counters: '[data-testid="maint-logs"]',
};

/** Five taps in the top-right corner (technician.gesture's default), each a real pointer event. */
async function gesture(page: Page) {
  const { width } = page.viewportSize()!;
  for (let i = 0; i < 5; i++) await page.mouse.click(width - 6, 6);
}

async function typePin(page: Page, pin: string) {
  for (const d of pin) await page.locator(`.maint-pin [data-key="${d}"]`).click();
  await page.getByTestId('maint-pin-ok').click();
}

describe.skipIf(SKIP_BROWSER)('maintenance mode on the screen (Chromium, real daemon)', { timeout: 180_000 }, () => {
  let browser: Browser;
  let daemon: SpawnedDaemon;
  beforeAll(async () => {
    [browser, daemon] = await Promise.all([launchChromium(), spawnDaemon({ config: { technician: { pinHash: hashPin(PIN) } } })]);
  });
  afterAll(async () => {
    await browser?.close();
    await daemon?.stop();
  });

  it('gesture, wrong PIN, right PIN (the resident session wiped), test print, idle timeout applied live, leave to attract', async () => {
    const page = await residentWithRecords(browser, daemon, 'resident-valid');
    // The page's timers from here on run on a clock the test moves (the idle timeout is checked without waiting it out).
    await page.clock.install();
    const ws = await daemon.connect();

    await gesture(page);
    await page.locator('.maint-pin').waitFor();
    await typePin(page, '00000000');
    await expect.poll(() => page.getByTestId('maint-pin-error').textContent()).toMatch(/4/);
    await typePin(page, PIN);
    await page.getByTestId('maint-devices').waitFor();
    // The resident's screen is gone and the daemon holds nothing of the resident.
    expect(await page.getByTestId('records-preview').count()).toBe(0);
    // The log line is written as the screen changes, not before it: waited for, not read at once.
    await waitUntil(() => /maintenance mode entered: resident session ended and wiped/.test(daemon.stderr() + readLog(daemon)), { what: 'the log of the entry' });

    // Devices page: live states, and the test page printed by the emulator.
    await page.getByTestId('maint-state-printer').waitFor();
    const jobsBefore = (await call(ws, 'printer.lastJobs', { limit: 20 })).result.jobs.length as number;
    await page.getByTestId('maint-test-print').click();
    expect(await page.locator('[data-device="printer"] [data-testid="maint-outcome"]').textContent({ timeout: 20_000 })).toMatch(/done/);
    // The emulator rendered it: a new page whose first line is the test page's title, with its QR.
    const jobs = (await call(ws, 'printer.lastJobs', { limit: 20 })).result.jobs as Array<{ lines: string[]; qr: string[] }>;
    expect(jobs.length).toBe(jobsBefore + 1);
    expect(jobs.at(-1)!.lines[0]).toBe('打印测试页');
    expect(jobs.at(-1)!.qr.length).toBe(1);

    // Settings: a refused value shows the schema's message beside the field; a good one is applied live.
    await page.locator('[data-page="settings"]').click();
    const idle = page.locator('[data-setting="session.idleTimeoutSeconds"]');
    await idle.locator('input').fill('5');
    await idle.locator('[data-action="save"]').click();
    await expect.poll(() => idle.locator('.maint-error').first().textContent()).toMatch(/session\.idleTimeoutSeconds/);
    // Typed on the terminal's own keys (no USB keyboard), which write into the field.
    await idle.locator('[data-action="keyboard"]').click();
    for (const key of ['clear', '3', '0']) await idle.locator(`[data-testid="keyboard"] [data-key="${key}"]`).click();
    expect(await idle.locator('input').inputValue()).toBe('30');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'maintenance-settings-keyboard.png') });
    await idle.locator('[data-action="save"]').click();
    await idle.locator('.maint-ok').waitFor();
    expect((readRawConfig(daemon.configPath).session as Record<string, unknown>).idleTimeoutSeconds).toBe(30);

    await screenshots(page);

    // Leave: back to attract, a fresh resident session that uses the new timeout (30 s, not the shipped 90 s).
    await page.getByTestId('maint-leave').click();
    await page.getByTestId('start').waitFor();
    await page.getByTestId('start').click();
    await page.getByTestId('open-search').waitFor();
    await page.clock.runFor(31_000);
    await page.getByTestId('idle-warning').waitFor();
    ws.close();
  });
});

function readLog(d: SpawnedDaemon): string {
  return readFileSync(join(d.dataDir, 'log', 'daemon.log'), 'utf8');
}

/**
 * Every maintenance page at the three sizes, Chinese then English in elder mode, with
 * LAYOUT_SWEEP=full (`npm run test:layout`); in `npm test` (CI time) each page once,
 * English and elder mode at 1280×1024, the tightest of the three.
 */
const SHOTS: Array<{ variant: 'zh' | 'en-elder'; sizes: typeof SIZES }> =
  process.env.LAYOUT_SWEEP === 'full'
    ? [
        { variant: 'zh', sizes: SIZES },
        { variant: 'en-elder', sizes: SIZES },
      ]
    : [{ variant: 'en-elder', sizes: [SIZES[2]!] }];

async function screenshots(page: Page) {
  for (const { variant, sizes } of SHOTS) {
    if (variant === 'en-elder') {
      await page.locator('.maint-bar__end .btn').first().click();
      await page.evaluate(() => document.documentElement.classList.add('elder'));
    }
    for (const size of sizes) {
      await page.setViewportSize(size);
      for (const p of PAGES) {
        await page.locator(`[data-page="${p}"]`).click();
        await page.locator(`[data-page="${p}"][aria-current="page"]`).waitFor();
        await page.locator(READY[p]).first().waitFor();
        await page.screenshot({ path: join(SCREENSHOT_DIR, `maintenance-${p}-${variant}-${size.width}x${size.height}.png`) });
      }
    }
  }
  // The last page shown, in English: the paper left on the roll (the test page printed above was fed from it).
  expect(await page.getByTestId('maint-paper').textContent()).toMatch(/About [\d.]+ m left of a 80 m roll/);
  await page.evaluate(() => document.documentElement.classList.remove('elder'));
  await page.setViewportSize({ width: 1920, height: 1080 });
}
