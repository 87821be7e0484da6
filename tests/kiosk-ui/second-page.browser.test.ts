import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { SpawnedDaemon } from '../helpers/daemon';
import { apiFromPage, residentWithRecords, SKIP_BROWSER, useKioskRig, wipesLogged } from '../helpers/browser';
import { waitUntil } from '../helpers/wait';

// A resident's live session in one tab; another page tries to read it through
// the API with the command names written as JSON escapes, which the daemon
// once failed to recognise as session commands. A page on the daemon's own
// origin gets in (it can read the token from the served page) but must take
// the session over and so wipe it; a page on another origin is refused.
const ELDER = { card: 'resident-valid', maskedName: '林**' };

const escaped = (id: string, name: string, args: unknown) => `{"kind":"command","id":"${id}","name":"${name}","args":${JSON.stringify(args)}}`;

describe.skipIf(SKIP_BROWSER)('a second page against a live resident session (Chromium, real daemon)', () => {
  const rig = useKioskRig({ beforeAll, afterAll });
  const browser = (): Browser => rig.browser();
  const daemon = (): SpawnedDaemon => rig.daemon();

  const residentTab = () => residentWithRecords(browser(), daemon(), ELDER.card);
  const takeovers = () => wipesLogged(daemon(), 'newUiConnection');
  /** Pages printed so far (/health's printer counter): a second page must not get the resident's record on paper. */
  const printed = async () => ((await (await fetch(`${daemon().url}health`)).json()) as { printer: { counters: { printed: number } } }).printer.counters.printed;
  /** Every character of a name written as a JSON \u escape. */
  const allEscaped = (name: string) => [...name].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

  // Every spelling of the read commands is tried at the API level (tests/device-daemon/capabilities/session);
  // in Chromium, a print (nothing may come out on paper) and a name escaped in every character.
  it.each([
    ['records\\u002eprint', { recordType: 'pension' }],
    [allEscaped('case.progress'), { byCard: true }],
  ])('another tab on the daemon’s origin sending %s gets nothing of the resident’s, prints nothing, and the session is wiped', async (name, args) => {
    const resident = await residentTab();
    const before = takeovers();
    const pages = await printed();
    const attacker = await browser().newPage();
    // Any document of the daemon's origin will do; /health is one that does not start the kiosk app.
    await attacker.goto(`${daemon().url}health`);
    // The escaped command, then the plain reads a page that now owns the (wiped) session would try.
    const answers = await apiFromPage(attacker, [escaped('a1', name, args), escaped('a2', 'records.query', { recordType: 'pension' }), escaped('a3', 'case.progress', { byCard: true })]);
    const [answer] = answers;
    expect(answer!.ok).toBe(false);
    expect(['noSession', 'timeout', 'noCard']).toContain((answer!.error as { code: string }).code);
    for (const a of answers) {
      expect(a.ok, JSON.stringify(a)).toBe(false);
      expect(JSON.stringify(a)).not.toContain(ELDER.maskedName);
    }
    expect(await printed()).toBe(pages);
    // The daemon took the session from the resident's page and wiped it before the command ran.
    await waitUntil(() => takeovers() > before, { what: 'the session taken over (newUiConnection) in the log' });
    await attacker.close();
    await resident.getByTestId('end').click();
    await resident.getByTestId('start').waitFor();
    await resident.close();
  });

  it('a page on another origin is refused before any command, even holding the token', async () => {
    const resident = await residentTab();
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
