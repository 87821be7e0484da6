import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, WebSocketRoute } from 'playwright-core';
import { SKIP_BROWSER, axe, useKioskRig } from '../../helpers/browser';
import { waitUntil } from '../../helpers/wait';

// The item guide arrives on demand (catalog.item): the page shows it is on its
// way, says plainly when it did not come (in the resident's language) and
// offers a retry. The page's WebSocket to the real daemon is routed through
// the test, which holds or refuses catalog.item and passes everything else.
describe.skipIf(SKIP_BROWSER)('an item guide fetched when the item is opened (Chromium)', () => {
  const rig = useKioskRig({ beforeAll, afterAll });
  let browser: Browser;
  beforeAll(() => {
    browser = rig.browser();
  });

  type Command = { id: string; name: string };
  /** catalog.item commands the page sent, with a way to pass each on to the daemon or fail it. */
  async function openRouted(english: boolean) {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, bypassCSP: true });
    const guideCalls: Array<{ cmd: Command; pass: () => void; fail: (code: string, detail?: object) => void }> = [];
    await page.routeWebSocket(/\/api$/, (ws: WebSocketRoute) => {
      const server = ws.connectToServer();
      ws.onMessage((msg) => {
        const cmd = JSON.parse(String(msg)) as Command;
        if (cmd.name !== 'catalog.item') return server.send(msg);
        guideCalls.push({
          cmd,
          pass: () => server.send(msg),
          fail: (code, detail) => ws.send(JSON.stringify({ kind: 'completion', id: cmd.id, ok: false, error: { code, message: `test: ${code}`, ...(detail ? { detail } : {}) } })),
        });
      });
    });
    await page.goto(rig.daemon().url);
    await page.locator('[data-screen="attract"]').waitFor();
    if (english) await page.getByTestId('toggle-language').click();
    await page.getByTestId('start').click();
    await page.locator('[data-category="socialInsurance"]').click();
    await page.locator('[data-testid="items"] [data-item]').first().click();
    await page.locator('[data-screen="item"]').waitFor();
    return { page, guideCalls };
  }

  const nextCall = (calls: unknown[], n: number) => waitUntil(() => calls.length === n, { what: `catalog.item number ${n}`, timeoutMs: 10_000 });

  it('zh: the guide is shown as loading until catalog.item answers, then the guide', async () => {
    const { page, guideCalls } = await openRouted(false);
    await page.getByTestId('guide-loading').filter({ hasText: '正在打开办事指南' }).waitFor();
    expect(await page.locator('[data-section]').count()).toBe(0);
    await nextCall(guideCalls, 1);
    guideCalls[0]!.pass();
    await page.getByTestId('guide-basic').waitFor();
    expect(await page.getByTestId('guide-loading').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    // Back and the same item again: the kept guide, no second fetch.
    await page.getByTestId('back').click();
    await page.locator('[data-testid="items"] [data-item]').first().click();
    await page.getByTestId('guide-basic').waitFor();
    expect(guideCalls).toHaveLength(1);
    await page.close();
  });

  it('en: a failed fetch says so in English with a retry; the retry shows the guide with its English summary', async () => {
    const { page, guideCalls } = await openRouted(true);
    await nextCall(guideCalls, 1);
    guideCalls[0]!.fail('internalError');
    const failed = page.getByTestId('guide-failed');
    await failed.filter({ hasText: 'The service guide could not be opened' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByTestId('submit-retry').click();
    await nextCall(guideCalls, 2);
    guideCalls[1]!.pass();
    await page.getByTestId('guide-basic').waitFor();
    expect(await page.locator('.guide__summary[lang="en"]').count()).toBe(1);
    expect(await page.getByTestId('guide-mode').textContent()).toMatch(/[A-Za-z]{4}/);
    await page.close();
  });

  it('en: a fetch refused as too many is asked again after the named wait; refused every time, the page says the terminal is busy', async () => {
    const { page, guideCalls } = await openRouted(true);
    for (let n = 1; n <= 4; n++) {
      await nextCall(guideCalls, n);
      guideCalls[n - 1]!.fail('tooManyRequests', { retryAfterMs: 50 });
    }
    await page.getByTestId('guide-failed').filter({ hasText: 'The terminal is busy' }).waitFor();
    expect(guideCalls).toHaveLength(4);
    await page.close();
  });

  it('zh: a fetch lost with the connection says the service cannot be reached', async () => {
    const { page, guideCalls } = await openRouted(false);
    await nextCall(guideCalls, 1);
    guideCalls[0]!.fail('offline');
    await page.getByTestId('guide-failed').filter({ hasText: '终端服务暂时连接不上' }).waitFor();
    await page.close();
  });
});
