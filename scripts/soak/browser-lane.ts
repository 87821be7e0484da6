import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { SpawnedDaemon } from '../../tests/helpers/daemon';
import { launchChromiumProfile } from '../../tests/helpers/browser';
import type { KioskState } from './journeys';

// The soak's share through the real UI: one Chromium page, open for the
// whole soak as on a terminal, whose profile (kept in a directory of its own)
// is audited afterwards. A resident taps through a journey as the browser
// tests do; the phone typed is synthetic (138 + the session number).

/** The kiosk page between residents (on the attract screen), after a full GC in the page: what a page open for days would accumulate. */
export interface PageSample {
  jsHeapUsed: number;
  jsHeapTotal: number;
  /** Blink's live DOM nodes, JS event listeners and documents (a node or listener left behind by each session shows here). */
  nodes: number;
  listeners: number;
  documents: number;
}

export interface BrowserLane {
  profileDir: string;
  /** The page's memory now (call it with the attract screen shown). */
  pageMemory(): Promise<PageSample>;
  /** The journey the next browser session takes: applications and complaints in turn, an application first. */
  nextJourney(): 'complain' | 'apply';
  /** Session n through the page; `printed` is called as each document comes out (before the session's end wipes it). */
  run(n: number, state: KioskState, printed: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

const phoneOf = (n: number): string => `138${String(n % 1e8).padStart(8, '0')}`;
const CARD = 'resident-young';

async function typeDigits(page: Page, scope: string, digits: string): Promise<void> {
  for (const ch of digits) await page.locator(`${scope} [data-key="${ch}"]`).click();
}

/** 有诉即办 with a call-back phone, its receipt printed, then back to the attract screen. */
async function complain(page: Page, phone: string, printed: () => Promise<void>): Promise<void> {
  await page.locator('[data-feature="complain"]').click();
  await page.locator('[data-category="efficiency"]').click();
  await page.locator('[data-statement="overdue"]').click();
  await page.locator('[data-statement="callMe"]').click();
  await page.getByTestId('step-next').click();
  await typeDigits(page, '[data-field="callbackPhone"]', phone);
  await page.getByTestId('step-next').click();
  await page.getByTestId('check').waitFor();
  await page.getByTestId('submit').click();
  await page.getByTestId('printed').waitFor({ timeout: 30_000 });
  await printed();
  await finishWithoutRating(page);
}

/** 退役军人优待证 (WD-KIOSK-036): search, card, consent, questions with the phone, materials later, pickup, submit, receipt, card taken. */
async function apply(page: Page, daemon: SpawnedDaemon, phone: string, printed: () => Promise<void>): Promise<void> {
  await page.getByTestId('open-search').click();
  for (const ch of 'tyjr') await page.locator(`[data-key="${ch}"]`).click();
  await page.locator('[data-testid="items"] [data-item="WD-KIOSK-036"]').click();
  await page.getByTestId('start-service').click();
  await page.locator('[data-testid="identify"][data-state="waiting"]').waitFor();
  await daemon.sim('idCardReader', 'insertCard', CARD);
  await page.getByTestId('consent-accept').click({ timeout: 20_000 });
  await page.getByTestId('questions').waitFor();
  const fields = page.locator('[data-testid="questions"] fieldset[data-field]');
  for (let i = 0; i < (await fields.count()); i++) {
    const f = fields.nth(i);
    if (await f.locator('[data-testid="digit-pad"]').count()) await typeDigits(page, `fieldset[data-field="${await f.getAttribute('data-field')}"] [data-testid="digit-pad"]`, phone);
    else await f.locator('[data-option]').first().click();
  }
  await page.getByTestId('step-next').click();
  await page.getByTestId('materials').waitFor();
  const mats = page.locator('[data-testid="materials"] fieldset[data-material]');
  for (let i = 0; i < (await mats.count()); i++) await mats.nth(i).locator('[data-choice="later"]').click();
  await page.getByTestId('step-next').click();
  await page.getByTestId('delivery').waitFor();
  await page.locator('[data-delivery="pickup"]').click();
  await page.getByTestId('step-next').click();
  await page.getByTestId('check').waitFor();
  await page.getByTestId('submit').click();
  await page.getByTestId('printed').waitFor({ timeout: 30_000 });
  await printed();
  await daemon.sim('idCardReader', 'removeCard');
  await page.getByTestId('take-card').waitFor({ state: 'detached' });
  await finishWithoutRating(page);
}

/** 完成 goes on to the service's 好差评; 跳过 records nothing (the API lanes rate). */
async function finishWithoutRating(page: Page): Promise<void> {
  await page.getByTestId('finish').click();
  await page.getByTestId('service-evaluation').waitFor({ timeout: 20_000 });
  await page.getByTestId('skip').click();
}

export async function openBrowserLane(daemon: SpawnedDaemon): Promise<BrowserLane> {
  const profileDir = mkdtempSync(join(tmpdir(), 'kiosk-soak-profile-'));
  const context: BrowserContext = await launchChromiumProfile(profileDir);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(daemon.url);
  // The page ends any session when it connects: wait for it, so that it cannot end the API lane's first one.
  await page.getByTestId('start').waitFor();
  const cdp = await context.newCDPSession(page);
  let closed = false;
  let runs = 0;
  const nextJourney = () => (runs % 2 ? ('complain' as const) : ('apply' as const));
  return {
    profileDir,
    nextJourney,
    async pageMemory() {
      await page.getByTestId('start').waitFor();
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      return { jsHeapUsed: heap.usedSize, jsHeapTotal: heap.totalSize, nodes: dom.nodes, listeners: dom.jsEventListeners, documents: dom.documents };
    },
    async run(n, state, printed) {
      const journey = nextJourney();
      runs++;
      const phone = phoneOf(n);
      state.phones.add(phone);
      await page.getByTestId('start').click();
      await page.locator('[data-screen="home"]').waitFor();
      if (journey === 'apply') await apply(page, daemon, phone, printed);
      else await complain(page, phone, printed);
      await page.locator('[data-screen="home"]').waitFor();
      await page.getByTestId('end').click();
      await page.getByTestId('start').waitFor();
    },
    async close() {
      if (closed) return;
      closed = true;
      await context.close(); // flushes the profile to disk for the audit
    },
  };
}
