import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_BROWSER, useKioskRig } from '../../helpers/browser';
import { waitUntil } from '../../helpers/wait';

// The kiosk page tells the daemon it is alive (page.heartbeat): /health turns
// from `waiting` to `ok` once a real page has loaded and connected.
describe.skipIf(SKIP_BROWSER)('the page heartbeat from the real page (Chromium, real daemon)', () => {
  const rig = useKioskRig({ beforeAll, afterAll });
  const pageState = async () => ((await (await fetch(`${rig.daemon().url}health`)).json()) as { page: { state: string; lastHeartbeat?: string } }).page;

  it('the daemon sees the page once it loads', async () => {
    expect((await pageState()).state).toBe('waiting');
    const page = await rig.browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(rig.daemon().url);
    await page.getByTestId('start').waitFor();
    const seen = await waitUntil(
      async () => {
        const p = await pageState();
        return p.state === 'ok' && p;
      },
      { what: 'page: ok in /health', timeoutMs: 15_000 },
    );
    expect(seen.lastHeartbeat).toBeDefined();
    await page.close();
  });
});
