import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SpawnedDaemon } from '../helpers/daemon';
import { SKIP_BROWSER, useKioskRig } from '../helpers/browser';
import { waitUntil } from '../helpers/wait';

// A resident's live session in one tab; another page tries to read it through
// the API with the command names written as JSON escapes, which the daemon
// once failed to recognise as session commands. A page on the daemon's own
// origin gets in (it can read the token from the served page) but must take
// the session over and so wipe it; a page on another origin is refused.
const ELDER = { card: 'resident-valid', maskedName: '林**' };

/** What the second page does, in the page: take the token from the served UI, open the API, send the frames as written, return the answers. */
async function attack(page: Page, frames: string[]): Promise<Array<Record<string, any>>> {
  return page.evaluate(async (texts) => {
    const html = await (await fetch('/')).text();
    const token = /<meta name="kiosk-token" content="([^"]+)">/.exec(html)![1];
    const ws = new WebSocket(`ws://${location.host}/api`, ['kiosk.v1', `token.${token}`]);
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    const answers: Array<Record<string, unknown>> = [];
    const done = new Promise<void>((resolve) => {
      ws.onmessage = (m) => {
        const msg = JSON.parse(m.data as string) as Record<string, unknown>;
        if (msg.kind === 'completion') answers.push(msg);
        if (answers.length === texts.length) resolve();
      };
    });
    for (const t of texts) ws.send(t);
    await done;
    ws.close();
    return answers;
  }, frames);
}

const escaped = (id: string, name: string, args: unknown) => `{"kind":"command","id":"${id}","name":"${name}","args":${JSON.stringify(args)}}`;

describe.skipIf(SKIP_BROWSER)('a second page against a live resident session (Chromium, real daemon)', () => {
  const rig = useKioskRig({ beforeAll, afterAll });
  const browser = (): Browser => rig.browser();
  const daemon = (): SpawnedDaemon => rig.daemon();

  /** The resident's tab: 养老金领取记录 by card, the record on screen (the daemon holds the card record for this page). */
  async function residentWithRecords(): Promise<Page> {
    const page = await browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(daemon().url);
    await page.getByTestId('start').click();
    await page.getByTestId('open-search').click();
    for (const ch of 'yljlq') await page.locator(`[data-key="${ch}"]`).click();
    await page.locator('[data-testid="items"] [data-item="WD-KIOSK-052"]').click();
    await page.getByTestId('start-service').click();
    await page.locator('[data-testid="identify"][data-state="waiting"]').waitFor();
    expect((await daemon().sim('idCardReader', 'insertCard', ELDER.card)).status).toBe(200);
    await page.getByTestId('consent').waitFor({ timeout: 20_000 });
    await page.getByTestId('consent-accept').click();
    await page.getByTestId('records-preview').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('records-preview').textContent()).toContain(ELDER.maskedName);
    // The resident takes the card back; the record stays with the session until it ends.
    expect((await daemon().sim('idCardReader', 'removeCard')).status).toBe(200);
    return page;
  }

  const takeovers = () => (readFileSync(join(daemon().dataDir, 'log', 'daemon.log'), 'utf8').match(/"why":"newUiConnection"/g) ?? []).length;

  it.each([
    ['records\\u002equery', { recordType: 'pension' }],
    ['case\\u002eprogress', { byCard: true }],
    ['card\\u002eread', { timeoutMs: 1000 }],
  ])('another tab on the daemon’s origin sending %s gets nothing of the resident’s, and the session is wiped', async (name, args) => {
    const resident = await residentWithRecords();
    const before = takeovers();
    const attacker = await browser().newPage();
    // Any document of the daemon's origin will do; /health is one that does not start the kiosk app.
    await attacker.goto(`${daemon().url}health`);
    const [answer] = await attack(attacker, [escaped('a1', name, args)]);
    expect(answer!.ok).toBe(false);
    expect(JSON.stringify(answer)).not.toContain(ELDER.maskedName);
    expect(['noSession', 'timeout', 'noCard']).toContain((answer!.error as { code: string }).code);
    // The daemon took the session from the resident's page and wiped it before the command ran.
    await waitUntil(() => takeovers() > before, { what: 'the session taken over (newUiConnection) in the log' });
    await attacker.close();
    await resident.getByTestId('end').click();
    await resident.getByTestId('start').waitFor();
    await resident.close();
  });

  it('a page on another origin is refused before any command, even holding the token', async () => {
    const resident = await residentWithRecords();
    const token = await daemon().token();
    const other: Server = createServer((_req, res) => res.end('<!doctype html><title>elsewhere</title>'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    try {
      const attacker = await browser().newPage();
      await attacker.goto(`http://127.0.0.1:${(other.address() as { port: number }).port}/`);
      const outcome = await attacker.evaluate(
        ({ port, token }) =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, ['kiosk.v1', `token.${token}`]);
            ws.onopen = () => resolve('open');
            ws.onclose = () => resolve('refused');
          }),
        { port: daemon().port, token },
      );
      expect(outcome).toBe('refused');
      await attacker.close();
      // The resident's session is untouched: the record is still there for the resident's page.
      await resident.getByTestId('print').click();
      await resident.getByTestId('printed').waitFor({ timeout: 30_000 });
    } finally {
      other.close();
    }
    await resident.getByTestId('end').click();
    await resident.getByTestId('start').waitFor();
    await resident.close();
  });
});
