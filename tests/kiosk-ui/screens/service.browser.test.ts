import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { call, nextEvent, spawnDaemon, type SpawnedDaemon } from '../../helpers/daemon';
import { waitUntil } from '../../helpers/wait';
import { INSTANT_READER, SCREENSHOT_DIR, SKIP_BROWSER, axe, closePages, newTestPage, useKioskRig } from '../../helpers/browser';

// Residents' journeys after the guide, in Chromium against the real daemon
// with its simulators: identify by card, apply, pre-check, query-and-print,
// progress by card, and the failures a lone resident meets. Synthetic people
// from assets/demo/synthetic-people.json.
const YOUNG = { card: 'resident-young', name: '石磊', id: '410403199011020030' };
const ELDER = { card: 'resident-valid', name: '林晓禾', id: '410403195803120023' };
const NO_RECORDS = { card: 'resident-norecords', name: '马可', id: '41040320010115007X' };
const PHONE = '13912345678';

const sim = (d: SpawnedDaemon, device: string, action: string, param?: string) =>
  fetch(`${d.url}sim/${device}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(param ? { param } : {}) }).then(async (r) => {
    if (!r.ok) throw new Error(`sim ${device}/${action}: ${r.status} ${await r.text()}`);
  });

/**
 * The tab a daemon's journeys at one viewport share once loaded: a journey that ends back at attract leaves
 * it there (the session wiped by the daemon and the page's screens started afresh, as for the next resident
 * of a terminal; expectNothingPersonalLeft looks at it then), and the next journey starts from it instead of
 * loading the app again (~1 s: the page, its flows and strings, the daemon's wipe for a new connection).
 * A tab left anywhere else is closed after its test (it would hold the session).
 */
const atAttract = new Map<string, Page>();
const attractKey = (d: SpawnedDaemon, viewport: { width: number; height: number }) => `${d.url} ${viewport.width}x${viewport.height}`;
async function stillAtAttract(key: string): Promise<Page | undefined> {
  const page = atAttract.get(key);
  const url = key.split(' ')[0]!;
  if (page && !page.isClosed() && page.url().startsWith(url) && (await page.locator('[data-screen="attract"]').count()) === 1) return page;
  atAttract.delete(key);
  return undefined;
}

async function start(browser: Browser, d: SpawnedDaemon, viewport = { width: 1920, height: 1080 }): Promise<Page> {
  const key = attractKey(d, viewport);
  let page = await stillAtAttract(key);
  if (!page) {
    page = await newTestPage(browser, { viewport });
    await page.goto(d.url);
    atAttract.set(key, page);
  }
  // With a kept tab open, the tab a test gets may be behind another: a tab behind gets no animation frames,
  // and every click then waits ~2 s for its target to be stable.
  await page.bringToFront();
  await page.getByTestId('start').click();
  await page.locator('[data-screen="home"]').waitFor();
  return page;
}

/** Open an item by typing its pinyin initials on the terminal keyboard, as a resident would. */
async function openItem(page: Page, initials: string, itemId: string): Promise<void> {
  await page.getByTestId('open-search').click();
  for (const ch of initials) await page.locator(`[data-key="${ch}"]`).click();
  await page.locator(`[data-testid="items"] [data-item="${itemId}"]`).click();
  await page.locator('[data-screen="item"]').waitFor();
}

/** Start the item's service, place the card when the screen asks, agree to the use of personal data. */
async function identify(page: Page, d: SpawnedDaemon, card: string, checkA11y = false): Promise<void> {
  await page.getByTestId('start-service').click();
  await page.locator('[data-testid="identify"][data-state="waiting"]').waitFor();
  if (checkA11y) expect(await axe(page), 'identify').toEqual([]);
  await sim(d, 'idCardReader', 'insertCard', card);
  await page.getByTestId('consent').waitFor({ timeout: 20_000 });
  if (checkA11y) {
    expect(await axe(page), 'consent').toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'identify-consent.png') });
  }
  await page.getByTestId('consent-accept').click();
}

async function typeDigits(page: Page, scope: string, digits: string): Promise<void> {
  for (const ch of digits) await page.locator(`${scope} [data-testid="digit-pad"] [data-key="${ch}"]`).click();
}

/** Every question on the screen answered: the phone typed on the digit pad, the first option of the others. */
async function answerQuestions(page: Page): Promise<void> {
  await page.getByTestId('questions').waitFor();
  const fields = page.locator('[data-testid="questions"] fieldset[data-field]');
  // The step's questions come a screen at a time where they do not all fit: every page of them, as a resident would.
  for (;;) {
    for (let i = 0; i < (await fields.count()); i++) {
      const f = fields.nth(i);
      const id = (await f.getAttribute('data-field'))!;
      if (await f.locator('[data-testid="digit-pad"]').count()) await typeDigits(page, `fieldset[data-field="${id}"]`, PHONE);
      else await f.locator('[data-option]').first().click();
    }
    const next = page.locator('[data-testid="questions"] [data-testid="page-next"]:enabled');
    if ((await next.count()) === 0) break;
    await next.click();
  }
}

/** 退役军人优待证 (WD-KIOSK-036) up to the check screen: card, consent, every question, materials at hand, pickup. */
async function applyUpToCheck(page: Page, d: SpawnedDaemon): Promise<void> {
  await openItem(page, 'tyjr', 'WD-KIOSK-036');
  await identify(page, d, YOUNG.card);
  await answerQuestions(page);
  await page.getByTestId('step-next').click();
  const mats = page.locator('[data-testid="materials"] fieldset[data-material]');
  for (let i = 0; i < (await mats.count()); i++) await mats.nth(i).locator('[data-choice="have"]').click();
  await page.getByTestId('step-next').click();
  await page.locator('[data-delivery="pickup"]').click();
  await page.getByTestId('step-next').click();
  await page.getByTestId('check').waitFor();
}

async function lastJob(d: SpawnedDaemon): Promise<{ lines: string[]; qr: string[]; incomplete: boolean }> {
  const ws = await d.connect();
  const r = await call(ws, 'printer.lastJobs', { limit: 1 });
  ws.close();
  return r.result.jobs.at(-1);
}

/** The daemon's audit trail, oldest first (masked data only). */
function auditTrail(d: SpawnedDaemon): Array<{ action: string; detail: Record<string, unknown> }> {
  const db = new Database(join(d.dataDir, 'kiosk.db'), { readonly: true });
  try {
    return (db.prepare('SELECT action, detail FROM audit ORDER BY id').all() as Array<{ action: string; detail: string | null }>).map((r) => ({
      action: r.action,
      detail: JSON.parse(r.detail ?? '{}'),
    }));
  } finally {
    db.close();
  }
}

/** After the resident leaves: no name, ID number or phone anywhere the page keeps things, nor in the daemon's log. */
async function expectNothingPersonalLeft(page: Page, d: SpawnedDaemon, person: { name: string; id: string }, extra: string[] = []): Promise<void> {
  const secrets = [person.name, person.id, person.id.slice(-8), ...extra];
  const found = await page.evaluate(async (list) => {
    const dump: string[] = [document.documentElement.outerHTML];
    for (const s of [localStorage, sessionStorage]) for (let i = 0; i < s.length; i++) dump.push(`${s.key(i)}=${s.getItem(s.key(i)!)}`);
    const dbs = indexedDB.databases ? await indexedDB.databases() : [];
    dump.push(JSON.stringify(dbs));
    const all = dump.join('\n');
    return list.filter((x) => all.includes(x));
  }, secrets);
  expect(found).toEqual([]);
  const logFile = join(d.dataDir, 'log', 'daemon.log');
  const logs = (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '') + d.stdout() + d.stderr();
  expect(logs.length).toBeGreaterThan(0);
  for (const s of secrets) expect(logs.includes(s), `daemon log contains ${s}`).toBe(false);
}

describe.skipIf(SKIP_BROWSER)('residents in Chromium against the real daemon', () => {
  // One Chromium for both blocks (a launch and its first renderer cost a loaded core about a second). The
  // reader answers without the module's processing time (~0.8 s a card): no journey here is about the
  // reader's timing, except the card pulled mid-read, which has a reader of realistic timing of its own.
  const rig = useKioskRig({ beforeAll, afterAll }, { config: INSTANT_READER });

  describe('resident journeys after the guide (Chromium, real daemon and simulators)', () => {
    let browser: Browser;
    let d: SpawnedDaemon;
    beforeAll(() => {
      browser = rig.browser();
      d = rig.daemon();
    });
    // The journeys share one daemon: a page a failed journey left open would hold the session for the next one.
    // A tab back at attract is kept for the next journey (start()); every other is closed.
    afterEach(async () => {
      const kept = new Set<Page>();
      for (const key of [...atAttract.keys()]) {
        const page = await stillAtAttract(key);
        if (page) kept.add(page);
      }
      for (const c of browser.contexts()) for (const p of c.pages()) if (!kept.has(p)) await p.close();
    });
    afterAll(() => closePages(browser));

    it('a newcomer applies alone: card, consent, questions, materials, post delivery, check, receipt; takes the card; leaves nothing behind', async () => {
      const page = await start(browser, d);
      await openItem(page, 'tyjr', 'WD-KIOSK-036');
      await identify(page, d, YOUNG.card, true);
      // Masked identity on screen, with the take-your-card reminder.
      await page.getByTestId('who').waitFor();
      expect(await page.getByTestId('who-name').textContent()).toBe('石*');
      expect(await page.getByTestId('who-id').textContent()).toContain('4104**********0030');
      expect(await page.getByTestId('take-card').isVisible()).toBe(true);

      // Questions: all on one page in normal mode; Next with nothing answered flags what is missing.
      await page.getByTestId('questions').waitFor();
      await page.getByTestId('step-next').click();
      expect(await page.getByTestId('field-problem').count()).toBeGreaterThan(0);
      expect(await axe(page), 'questions with problems').toEqual([]);
      await answerQuestions(page);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'apply-questions.png') });
      await page.getByTestId('step-next').click();

      // Materials: the terminal says it cannot scan; choose "bring later".
      await page.getByTestId('materials').waitFor();
      expect(await page.getByTestId('no-scan').isVisible()).toBe(true);
      expect(await axe(page), 'materials').toEqual([]);
      const mats = page.locator('[data-testid="materials"] fieldset[data-material]');
      for (let i = 0; i < (await mats.count()); i++) await mats.nth(i).locator('[data-choice="later"]').click();
      await page.getByTestId('step-next').click();

      // Delivery by post, to the masked address from the card.
      await page.getByTestId('delivery').waitFor();
      await page.locator('[data-delivery="post"]').click();
      expect(await page.getByTestId('post-address').textContent()).toContain('****');
      expect(await axe(page), 'delivery').toEqual([]);
      await page.getByTestId('step-next').click();

      // Check answers: phone masked on the public screen; change one answer and come back.
      await page.getByTestId('check').waitFor();
      const checkText = (await page.getByTestId('check').textContent())!;
      expect(checkText).toContain('139****5678');
      expect(checkText).not.toContain(PHONE);
      expect(await axe(page), 'check').toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'apply-check.png') });
      await page.locator('[data-testid^="change-"]').first().click();
      await page.getByTestId('questions').waitFor();
      await page.getByTestId('step-next').click();
      await page.getByTestId('check').waitFor();

      await page.getByTestId('submit').click();
      await page.getByTestId('accepted').waitFor({ timeout: 20_000 });
      const caseNo = (await page.getByTestId('case-no').textContent())!.trim();
      expect(caseNo).toMatch(/^WD0001-\d{8}-\d{5}-[0-9A-Z*]$/);
      // This item is issued in batches (按批次制发): the daemon promises no date, and the page invents none.
      expect(await page.getByTestId('promised-date').textContent()).toBe('按批次制发');
      await page.getByTestId('printed').waitFor({ timeout: 30_000 });
      expect(await axe(page), 'accepted').toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'apply-accepted.png') });

      // The receipt as the printer rendered it: case number, masked applicant, QR codes with the case number.
      const job = await lastJob(d);
      const text = job.lines.join('\n');
      expect(text).toContain('受理回执');
      expect(text).toContain(caseNo);
      expect(text).toContain('石*');
      expect(text).not.toContain(YOUNG.id);
      expect(text).not.toContain(PHONE);
      expect(job.qr.some((q) => q.includes(caseNo))).toBe(true);

      // Taking the card away clears the reminder.
      await sim(d, 'idCardReader', 'removeCard');
      await page.getByTestId('take-card').waitFor({ state: 'detached' });

      // Durable and attributed: progress by case number answers it.
      const ws = await d.connect();
      const progress = await call(ws, 'case.progress', { caseNo });
      ws.close();
      expect(progress.result.cases[0]).toMatchObject({ caseNo, kind: 'application' });
      // The consent the resident tapped was recorded by the daemon (purpose and text version, nothing personal) before the case was accepted.
      const audit = auditTrail(d);
      const consentAt = audit.findLastIndex((a) => a.action === 'consent.recorded' && a.detail.purpose === 'apply');
      const acceptedAt = audit.findIndex((a) => a.action === 'submission.accepted' && a.detail.caseNo === caseNo);
      expect(consentAt).toBeGreaterThanOrEqual(0);
      expect(consentAt).toBeLessThan(acceptedAt);
      expect(audit[consentAt]!.detail).toEqual({ purpose: 'apply', textVersion: expect.stringMatching(/^apply-[0-9a-f]{8}$/) });

      // 完成 goes on to the rating of the case (walked in evaluation.browser.test.ts); 跳过 records nothing.
      await page.getByTestId('finish').click();
      await page.getByTestId('service-evaluation').waitFor();
      await page.getByTestId('skip').click();
      await page.locator('[data-screen="home"]').waitFor();
      await page.getByTestId('end').click();
      await page.getByTestId('start').waitFor();
      await expectNothingPersonalLeft(page, d, YOUNG, [PHONE]);
    });

    it('English, elder mode, portrait: one question per screen, large targets, same journey', async () => {
      const page = await start(browser, d, { width: 1080, height: 1920 });
      await page.getByTestId('toggle-language').click();
      await page.getByTestId('toggle-elder').click();
      await openItem(page, 'tyjr', 'WD-KIOSK-036');
      expect(await page.getByTestId('start-service').textContent()).toMatch(/Apply/);
      await identify(page, d, YOUNG.card);
      await page.getByTestId('questions').waitFor();
      let pages = 0;
      while (await page.getByTestId('questions').count()) {
        pages++;
        const fields = page.locator('[data-testid="questions"] fieldset[data-field]');
        expect(await fields.count()).toBe(1);
        const f = fields.first();
        const id = (await f.getAttribute('data-field'))!;
        if (await f.locator('[data-testid="digit-pad"]').count()) await typeDigits(page, `fieldset[data-field="${id}"]`, PHONE);
        else await f.locator('[data-option]').first().click();
        // Elder targets: at least 84 px tall.
        const box = await page.getByTestId('step-next').boundingBox();
        expect(box!.height).toBeGreaterThanOrEqual(84);
        if (pages === 1) {
          // The whole journey is counted: card and consent came first, then three question pages and what follows.
          const step = (await page.getByTestId('journey-step').textContent())!;
          expect(step).toMatch(/^Step 3 of \d+$/);
          expect(Number(step.match(/of (\d+)/)![1])).toBeGreaterThanOrEqual(7);
          expect(await axe(page), 'elder en question').toEqual([]);
          await page.screenshot({ path: join(SCREENSHOT_DIR, 'apply-elder-en-portrait.png') });
        }
        await page.getByTestId('step-next').click();
        if (pages > 5) throw new Error('questions never ended');
      }
      // Two question pages: the item's 领取方式 is asked once, in the delivery step, not also as a question.
      expect(pages).toBe(2);
      await page.getByTestId('materials').waitFor();
      await sim(d, 'idCardReader', 'removeCard');
      // Answers not yet sent: 结束办理 asks first, and staying keeps them.
      await page.getByTestId('end').click();
      await page.getByTestId('confirm-end').waitFor();
      expect(await axe(page), 'confirm end').toEqual([]);
      await page.getByTestId('discard-stay').click();
      await page.getByTestId('materials').waitFor();
      await page.getByTestId('end').click();
      await page.getByTestId('discard-confirm').click();
      await page.getByTestId('start').waitFor();
      await expectNothingPersonalLeft(page, d, YOUNG, [PHONE]);
    });

    it('an expired card is refused with its date; another card then works', async () => {
      const page = await start(browser, d);
      await openItem(page, 'tyjr', 'WD-KIOSK-036');
      await page.getByTestId('start-service').click();
      await page.locator('[data-testid="identify"][data-state="waiting"]').waitFor();
      await sim(d, 'idCardReader', 'insertCard', 'resident-expired');
      await page.getByTestId('identify-expired').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('identify').textContent()).toContain('2025-08-01');
      expect(await axe(page), 'expired').toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'identify-expired.png') });
      await sim(d, 'idCardReader', 'removeCard');
      await page.getByTestId('identify-retry').click();
      await sim(d, 'idCardReader', 'insertCard', ELDER.card);
      await page.getByTestId('consent').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('who-name').textContent()).toBe('林**');
      // Declining ends cleanly: nothing submitted.
      await page.getByTestId('consent-decline').click();
      await page.getByTestId('declined').waitFor();
      await sim(d, 'idCardReader', 'removeCard');
      await page.getByTestId('end').click();
      await page.getByTestId('start').waitFor();
      await expectNothingPersonalLeft(page, d, ELDER);
    });

    it('a card removed in the middle of the read is explained, and a retry reads it', async () => {
      // The reader of the shipped config, with the module's processing time before the reply the card leaves during.
      const realistic = await spawnDaemon();
      try {
        const page = await start(browser, realistic);
        await openItem(page, 'tyjr', 'WD-KIOSK-036');
        await page.getByTestId('start-service').click();
        await page.locator('[data-testid="identify"][data-state="waiting"]').waitFor();
        // The simulator pulls the card out after a few reply bytes.
        await sim(realistic, 'idCardReader', 'insertCard', `${YOUNG.card}@300`);
        await page.getByTestId('identify-error').waitFor({ timeout: 20_000 });
        expect(await page.getByTestId('identify-error').getAttribute('data-code')).toBe('cardRemoved');
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'identify-card-removed.png') });
        await sim(realistic, 'idCardReader', 'removeCard').catch(() => undefined);
        await page.getByTestId('identify-retry').click();
        await sim(realistic, 'idCardReader', 'insertCard', YOUNG.card);
        await page.getByTestId('consent').waitFor({ timeout: 20_000 });
        await sim(realistic, 'idCardReader', 'removeCard');
        await page.getByTestId('end').click();
        await page.close();
      } finally {
        await realistic.stop();
      }
    });

    it('paper out before the receipt: the case is accepted, the number and QR are shown, and the receipt prints once paper is back', async () => {
      const page = await start(browser, d);
      await openItem(page, 'lnrydz', 'WD-KIOSK-027');
      await identify(page, d, ELDER.card);
      await answerQuestions(page);
      await page.getByTestId('step-next').click();
      if (await page.getByTestId('delivery').count()) {
        await page.locator('[data-delivery="pickup"]').click();
        await page.getByTestId('step-next').click();
      }
      await page.getByTestId('check').waitFor();
      expect(await page.getByTestId('printer-notice').getAttribute('data-printer')).toBe('ready');
      await sim(d, 'printer', 'paperOut');
      try {
        // Said before 确认提交, live from the printer's status events: the submission is still possible.
        await page.locator('[data-testid="printer-notice"][data-printer="blocked"]').waitFor({ timeout: 15_000 });
        expect(await page.getByTestId('printer-notice').textContent()).toContain('受理编号会显示在屏幕上');
        expect(await page.getByTestId('submit').isEnabled()).toBe(true);
        await page.getByTestId('submit').click();
        await page.getByTestId('print-failed').waitFor({ timeout: 30_000 });
        const caseNo = (await page.getByTestId('case-no').textContent())!.trim();
        // 5 working days for this item: the date the daemon computed from the catalog and the holiday calendar.
        expect(await page.getByTestId('promised-date').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}/);
        expect(await page.getByTestId('print-failed').textContent()).toMatch(/已受理/);
        expect(await page.getByTestId('screen-qr').getAttribute('data-text')).toContain(encodeURIComponent(caseNo));
        expect(await axe(page), 'paper out').toEqual([]);
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'apply-paper-out.png') });
        expect(await page.getByTestId('print').isDisabled()).toBe(true);
        await sim(d, 'printer', 'paperLoad');
        await page.locator('[data-testid="print"]:enabled').waitFor({ timeout: 15_000 });
        // The out-of-paper reason is gone with the condition; the accepted case is still said.
        await waitUntil(async () => !(await page.getByTestId('print-failed').textContent())!.includes('打印纸已用完'), { what: 'the paper-out reason to clear' });
        expect(await page.getByTestId('print-failed').textContent()).toMatch(/已受理.*打印机现已恢复/u);
        await page.getByTestId('print').click();
        await page.getByTestId('printed').waitFor({ timeout: 30_000 });
        const job = await lastJob(d);
        expect(job.lines.join('\n')).toContain(caseNo);
        expect(job.incomplete).toBe(false);
      } finally {
        await sim(d, 'printer', 'paperLoad').catch(() => undefined);
        await sim(d, 'idCardReader', 'removeCard').catch(() => undefined);
      }
      await page.getByTestId('end').click();
      await page.getByTestId('start').waitFor();
      await expectNothingPersonalLeft(page, d, ELDER, [PHONE]);
    }, 60_000);

    it('query-and-print: the record is previewed and printed; a person with no records gets a clear message and no printout', async () => {
      const page = await start(browser, d);
      await openItem(page, 'yljlq', 'WD-KIOSK-052');
      await identify(page, d, ELDER.card);
      await page.getByTestId('records-preview').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('records-preview').textContent()).toContain('林**');
      // The summary by default; the rows (amounts, employer) only when asked for, on a public screen.
      expect(await page.getByTestId('records-table').count()).toBe(0);
      expect(await page.getByTestId('records-details').getAttribute('aria-expanded')).toBe('false');
      expect(await axe(page), 'records preview').toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'query-print-preview.png') });
      await page.getByTestId('records-details').click();
      await page.getByTestId('records-table').waitFor();
      expect(await page.getByTestId('records-details').getAttribute('aria-expanded')).toBe('true');
      expect(await axe(page), 'records details').toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'query-print-details.png') });
      await page.getByTestId('print').click();
      await page.getByTestId('printed').waitFor({ timeout: 30_000 });
      const job = await lastJob(d);
      expect(job.lines.join('\n')).toContain('林**');
      expect(job.lines.join('\n')).not.toContain(ELDER.id);
      await sim(d, 'idCardReader', 'removeCard');
      await page.getByTestId('end').click();
      await page.getByTestId('start').waitFor();

      const jobsBefore = await (async () => {
        const ws = await d.connect();
        const r = await call(ws, 'printer.lastJobs', { limit: 20 });
        ws.close();
        return r.result.jobs.length as number;
      })();
      await page.getByTestId('start').click();
      await page.locator('[data-screen="home"]').waitFor();
      await openItem(page, 'cbzm', 'WD-KIOSK-003');
      await identify(page, d, NO_RECORDS.card);
      await page.getByTestId('no-records').waitFor({ timeout: 20_000 });
      const ws = await d.connect();
      const after = await call(ws, 'printer.lastJobs', { limit: 20 });
      ws.close();
      expect(after.result.jobs.length).toBe(jobsBefore);
      await sim(d, 'idCardReader', 'removeCard');
      await page.getByTestId('end').click();
      await page.getByTestId('start').waitFor();
      await expectNothingPersonalLeft(page, d, NO_RECORDS);
      await expectNothingPersonalLeft(page, d, ELDER);
    }, 60_000);

    it('pre-check: questions, result on screen and printed, no application submitted', async () => {
      const ws = await d.connect();
      const before = await call(ws, 'outbox.status', {});
      const page = await start(browser, d);
      await openItem(page, 'shbzk', 'WD-KIOSK-007');
      await identify(page, d, YOUNG.card);
      await answerQuestions(page);
      await page.getByTestId('step-next').click();
      if (await page.getByTestId('materials').count()) {
        const mats = page.locator('[data-testid="materials"] fieldset[data-material]');
        for (let i = 0; i < (await mats.count()); i++) await mats.nth(i).locator('[data-choice="have"]').click();
        await page.getByTestId('step-next').click();
      }
      await page.getByTestId('check').waitFor();
      await page.getByTestId('submit').click();
      await page.getByTestId('precheck-result').waitFor();
      expect(['eligible', 'ineligible', 'checkAtWindow']).toContain(await page.getByTestId('precheck-result').getAttribute('data-outcome'));
      expect(await axe(page), 'precheck result').toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'precheck-result.png') });
      await page.getByTestId('print').click();
      await page.getByTestId('printed').waitFor({ timeout: 30_000 });
      const job = await lastJob(d);
      expect(job.lines.join('\n')).toContain('预审');
      const after = await call(ws, 'outbox.status', {});
      ws.close();
      expect(after.result.total).toBe(before.result.total);
      await sim(d, 'idCardReader', 'removeCard');
      await page.getByTestId('end').click();
      await page.getByTestId('start').waitFor();
      await expectNothingPersonalLeft(page, d, YOUNG, [PHONE]);
    });

    it('progress by ID card lists the person’s cases and opens one', async () => {
      const page = await start(browser, d);
      await page.locator('[data-feature="progress"]').click();
      await page.getByTestId('progress-by-card').click();
      await page.locator('[data-testid="identify"][data-state="waiting"]').waitFor();
      await sim(d, 'idCardReader', 'insertCard', YOUNG.card);
      await page.getByTestId('consent-accept').click({ timeout: 20_000 });
      await page.getByTestId('case-list').waitFor({ timeout: 20_000 });
      const first = page.locator('[data-testid="case-list"] [data-case]').first();
      const caseNo = (await first.getAttribute('data-case'))!;
      await first.click();
      await page.getByTestId('progress-result').waitFor();
      expect(await page.getByTestId('progress-result').textContent()).toContain(caseNo);
      await sim(d, 'idCardReader', 'removeCard');
      await page.getByTestId('end').click();
      await page.getByTestId('start').waitFor();
      await expectNothingPersonalLeft(page, d, YOUNG);
      await page.close();
    });
  });

  describe('daemon restarted mid-journey (Chromium, own daemon)', () => {
    // Two daemon starts, the page's wait for the new one and a printed receipt: longer than one journey.
    let browser: Browser;
    beforeAll(() => {
      browser = rig.browser();
    });

    // A daemon killed with the resident on the confirmation screen (receipt in hand), the page back at attract with
    // nothing of the resident: the kiosk shell's test (app.browser.test.ts) kills the daemon mid-session and sees the
    // page start clean; the two tests below kill it mid-submission and count the applications.
    /** SIGKILL (the page shows the daemon away), then the daemon again on the same data, port and config. */
    async function killAndRestart(d: SpawnedDaemon, page: Page): Promise<SpawnedDaemon> {
      d.proc.kill('SIGKILL');
      await page.locator('[data-screen="unavailable"]').waitFor({ timeout: 20_000 });
      return spawnDaemon({ dataDir: d.dataDir, port: d.port, configPath: d.configPath });
    }
    /** The lost-answer screen with its receipt printed: the case number it shows. */
    async function lostAnswerPrinted(page: Page): Promise<string> {
      await page.locator('[data-screen="lost-answer"]').waitFor({ timeout: 30_000 });
      await page.getByTestId('printed').waitFor({ timeout: 30_000 });
      return (await page.getByTestId('case-no').textContent())!.trim();
    }
    /** Every application stored (each test here has its own daemon and data). */
    const applications = (d: SpawnedDaemon) => {
      const db = new Database(join(d.dataDir, 'kiosk.db'), { readonly: true });
      try {
        return (db.prepare("SELECT case_no AS caseNo FROM submissions WHERE kind = 'application'").all() as Array<{ caseNo: string }>).map((r) => r.caseNo);
      } finally {
        db.close();
      }
    };

    it('killed between the commit and the answer: the page asks the restarted daemon by its key, shows the one case and prints its receipt; nothing is duplicated', async () => {
      // KIOSK_TEST_STOP_AT holds the answer after the commit and says so on stdout (crash tests only).
      let d = await spawnDaemon({ config: INSTANT_READER, env: { KIOSK_TEST_STOP_AT: 'submission.committed' } });
      try {
        const page = await start(browser, d);
        await applyUpToCheck(page, d);
        await page.getByTestId('submit').click();
        await waitUntil(() => d.stdout().includes('"msg":"test stop point reached","stopPoint":"submission.committed"'), { timeoutMs: 20_000, what: 'the commit' });
        d = await killAndRestart(d, page);
        // Not "not accepted", not the attract screen: the case, learnt by the key the page kept in memory.
        const caseNo = await lostAnswerPrinted(page);
        expect(applications(d)).toEqual([caseNo]);
        const job = await lastJob(d);
        expect(job.lines[0]).toBe('受理回执');
        expect(job.lines.join('\n')).toContain(caseNo);
        expect(job.lines.join('\n')).not.toContain('补打'); // nothing had come out: this is the original
        expect(await axe(page), 'lost answer').toEqual([]);
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'lost-answer-accepted.png') });

        // Staff can be called from here, over the screen's own link to the new daemon; back, the number is still there.
        await page.getByTestId('call-staff-from-error').click();
        await page.locator('[data-reason="help"]').click();
        await page.getByTestId('call-done').waitFor({ timeout: 20_000 });
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'lost-answer-call-staff.png') });
        await page.getByTestId('call-cancel').click();
        await page.getByTestId('call-cancelled').waitFor();
        await page.getByTestId('call-staff-close').click();
        await page.getByTestId('printed').waitFor();
        expect(auditTrail(d).filter((a) => a.action === 'callStaff.cancel')).toHaveLength(1);

        // Done: the page starts over at attract, with nothing of the session.
        await page.getByTestId('lost-answer-done').click();
        await page.getByTestId('start').waitFor({ timeout: 30_000 });
        expect(await page.locator('[data-testid="case-no"]').count()).toBe(0);
        await expectNothingPersonalLeft(page, d, YOUNG, [PHONE]);
        expect(applications(d)).toEqual([caseNo]);
        await page.close();
      } finally {
        await d.stop();
      }
    }, 60_000);

    it('killed while the receipt prints: after the restart the page prints the receipt again as its 补打, and the case stays one', async () => {
      let d = await spawnDaemon({ config: INSTANT_READER });
      try {
        const page = await start(browser, d);
        await applyUpToCheck(page, d);
        const watch = await d.connect();
        // Bytes are going to the printer (the copy was recorded as queued ticks before): the page may be coming out.
        const printing = nextEvent(watch, (e) => e.name === 'printer.job' && e.data.state === 'sending', 30_000);
        await page.getByTestId('submit').click();
        const job = await printing;
        watch.terminate();
        d = await killAndRestart(d, page);
        const caseNo = await lostAnswerPrinted(page);
        expect(applications(d)).toEqual([caseNo]);
        const reprint = await lastJob(d);
        expect(reprint.lines.slice(0, 2)).toEqual(['受理回执', '【补打】']);
        expect(reprint.lines.join('\n')).toContain(caseNo);
        const copies = auditTrail(d).filter((a) => a.action === 'receipt.copy' && a.detail.state === 'queued');
        expect(copies.map((c) => c.detail.jobId)).toEqual([job.data.jobId, expect.any(String)]);
        await page.getByTestId('lost-answer-done').click();
        await page.getByTestId('start').waitFor({ timeout: 30_000 });
        await page.close();
      } finally {
        await d.stop();
      }
    }, 60_000);
  });
});
