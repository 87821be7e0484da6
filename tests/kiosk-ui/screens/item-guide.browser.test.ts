import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, SKIP_BROWSER, axe, launchChromium, newTestPage } from '../../helpers/browser';
import { call, spawnDaemon, type SpawnedDaemon } from '../../helpers/daemon';
import { mountSmallFs, type SmallFs, smallFsUnavailable } from '../../helpers/small-fs';
import { waitUntil } from '../../helpers/wait';

// While the store cannot keep a submission, the service guide says so before
// identification — in both languages — and offers what still works, instead
// of letting a resident fill a whole form that the submit would refuse.

const APPLY = { initials: 'tyjr', id: 'WD-KIOSK-036' };
const PRECHECK = { initials: 'shbzk', id: 'WD-KIOSK-007' };

async function openItem(browser: Browser, d: SpawnedDaemon, item: { initials: string; id: string }, english = false): Promise<Page> {
  const page = await newTestPage(browser, { viewport: { width: 1920, height: 1080 }, bypassCSP: true });
  await page.goto(d.url);
  await page.locator('[data-screen="attract"]').waitFor();
  if (english) await page.getByTestId('toggle-language').click();
  await page.getByTestId('start').click();
  await findItem(page, item);
  return page;
}

/** From the home screen, through the search, to the item's guide. */
async function findItem(page: Page, item: { initials: string; id: string }): Promise<void> {
  await page.locator('[data-screen="home"]').waitFor();
  await page.getByTestId('open-search').click();
  for (const ch of item.initials) await page.locator(`[data-key="${ch}"]`).click();
  await page.locator(`[data-testid="items"] [data-item="${item.id}"]`).click();
  await page.locator('[data-screen="item"]').waitFor();
}

describe.skipIf(SKIP_BROWSER)('service guide while the store cannot take submissions (Chromium, real daemon)', () => {
  let browser: Browser;
  let d: SpawnedDaemon;
  beforeAll(async () => {
    browser = await launchChromium();
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-guide-'));
    writeFileSync(join(dir, 'kiosk.db'), Buffer.alloc(64 * 1024, 'this is not an SQLite file '));
    d = await spawnDaemon({ dataDir: dir });
  });
  afterAll(async () => {
    await browser?.close();
    await d?.stop();
  });

  it('says submissions are not possible now, before identification; the guide and the notice print still work', async () => {
    const page = await openItem(browser, d, APPLY);
    const notice = page.getByTestId('store-unavailable');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('本机暂时无法提交办理申请');
    expect(await notice.textContent()).toContain('打印一次性告知单');
    // a corrupt file cannot be read either: progress by number is not offered
    expect(await notice.textContent()).not.toContain('受理编号');
    expect(await page.getByTestId('store-unavailable-progress').count()).toBe(0);
    expect(await page.getByTestId('start-service').count()).toBe(0);
    expect(await page.getByTestId('print-notice').isEnabled()).toBe(true);
    await page.locator('[data-section="materials"]').click();
    await page.getByTestId('guide-materials').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'guide-store-unavailable.png') });
    await page.close();
  });

  it('in English too; a pre-check, which stores nothing, can still start', async () => {
    const page = await openItem(browser, d, APPLY, true);
    await page.getByTestId('store-unavailable').waitFor();
    expect(await page.getByTestId('store-unavailable').textContent()).toContain('Submissions are not possible at this terminal right now');
    await page.close();
    const precheck = await openItem(browser, d, PRECHECK);
    await precheck.getByTestId('start-service').waitFor();
    expect(await precheck.getByTestId('store-unavailable').count()).toBe(0);
    await precheck.close();
  });
});

const noMount = smallFsUnavailable();

describe.skipIf(SKIP_BROWSER || noMount)(`the guide follows the store live (a disk that fills and is freed)${noMount ? `: skipped, ${noMount}` : ''}`, () => {
  let browser: Browser;
  let d: SpawnedDaemon;
  let fs: SmallFs;
  beforeAll(async () => {
    browser = await launchChromium();
    fs = mountSmallFs(32 * 1024) as SmallFs;
    d = await spawnDaemon({ dataDir: fs.dir });
  });
  afterAll(async () => {
    await browser?.close();
    await d?.stop();
    fs?.dispose();
  });

  it('the start button gives way to the message when a write fails; progress by number still works from it; the button comes back once there is space', async () => {
    // A case accepted before the disk fills: its progress must still be found while the store cannot write.
    const ws = await d.connect();
    const before = await call(ws, 'submission.submit', { kind: 'callStaff', idempotencyKey: randomUUID(), payload: { reason: 'help' } });
    const caseNo: string = before.result.caseNo;
    const page = await openItem(browser, d, APPLY);
    await page.getByTestId('start-service').waitFor();
    fs.fill();
    let refused: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 500 && !refused; i++) {
      const r = await call(ws, 'submission.submit', { kind: 'callStaff', idempotencyKey: randomUUID(), payload: { reason: 'help' } });
      if (!r.ok) refused = r;
    }
    expect(refused?.error?.code).toBe('storeUnavailable');
    ws.close();
    const notice = page.getByTestId('store-unavailable');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toContain('也可以按受理编号查询办理进度');
    expect(await page.getByTestId('start-service').count()).toBe(0);
    expect(await axe(page), 'guide with the store failing').toEqual([]);

    await page.getByTestId('store-unavailable-progress').click();
    await page.locator('[data-screen="progress"]').waitFor();
    await page.getByTestId('scan-hint').waitFor();
    await waitUntil(async () => ((await health(d)).scanner.armed ? true : undefined), { timeoutMs: 10_000, what: 'the scanner armed for a case number' });
    const scanned = await d.sim('scanner', 'scan', `https://zwfw.example.gov.cn/progress?case=${caseNo}`);
    expect(scanned.ok).toBe(true);
    await page.getByTestId('progress-result').waitFor();
    expect(await page.getByTestId('progress-result').textContent()).toContain(caseNo);

    // Back on the guide the disk is still full: still the message, until space is freed.
    await page.getByTestId('home').click();
    await findItem(page, APPLY);
    await notice.waitFor();
    fs.free();
    await page.getByTestId('start-service').waitFor({ timeout: 15_000 });
    expect(await notice.count()).toBe(0);
    expect((await health(d)).store.state).toBe('ok');
    await page.close();
  }, 90_000);
});

const health = async (d: SpawnedDaemon) => (await (await fetch(`${d.url}health`)).json()) as { scanner: { armed: unknown }; store: { state: string } };
