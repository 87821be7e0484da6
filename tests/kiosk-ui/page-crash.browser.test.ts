import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiFromPage, residentWithRecords, SKIP_BROWSER, useKioskRig, wipesLogged } from '../helpers/browser';
import { waitUntil } from '../helpers/wait';

// Fault: the kiosk page dies in the middle of a resident's journey — the
// renderer crashes, or the shell closes the tab and opens a new one — with
// the resident's record on screen. The new page starts at attract, and the
// daemon wiped the session when the old page's connection went: a records or
// card query from the new page finds nothing of the resident's.
const ELDER = { card: 'resident-valid', maskedName: '林**' };

const query = (id: string, name: string, args: unknown) => JSON.stringify({ kind: 'command', id, name, args });

describe.skipIf(SKIP_BROWSER)('the kiosk page crashing or closed mid-journey (Chromium, real daemon)', () => {
  const rig = useKioskRig({ beforeAll, afterAll });

  const crash = async (page: Page) => {
    const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
    const cdp = await page.context().newCDPSession(page);
    // Page.crash never answers: the renderer is gone before it could.
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    await page.close();
  };

  it.each([
    ['the renderer crashes', crash],
    ['the tab is closed', (page: Page) => page.close()],
  ])('%s with the record on screen: a new page starts at attract and can read nothing of the resident', async (_how, kill) => {
    const d = rig.daemon();
    const resident = await residentWithRecords(rig.browser(), d, ELDER.card);
    expect(await resident.getByTestId('records-preview').textContent()).toContain(ELDER.maskedName);
    const before = wipesLogged(d, 'uiDisconnected');
    await kill(resident);
    await waitUntil(() => wipesLogged(d, 'uiDisconnected') > before, { what: 'the session wiped when the page went (uiDisconnected)', timeoutMs: 10_000 });

    const page = await rig.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(d.url);
    await page.getByTestId('start').waitFor();
    expect(await page.locator('[data-testid="records-preview"]').count()).toBe(0);
    const answers = await apiFromPage(page, [query('q1', 'records.query', { recordType: 'pension' }), query('q2', 'case.progress', { byCard: true }), query('q3', 'card.read', { timeoutMs: 1000 })]);
    for (const a of answers) {
      expect(a.ok, JSON.stringify(a)).toBe(false);
      expect(JSON.stringify(a)).not.toContain(ELDER.maskedName);
    }
    await page.close();
  });
});
