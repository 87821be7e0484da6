import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashStaffCard } from '../../device-daemon/auth/staff-card';
import { hashPin } from '../../device-daemon/config/pin-hash';
import { INSTANT_READER, SCREENSHOT_DIR, SKIP_BROWSER, launchChromium, newTestPage } from '../helpers/browser';
import { call, type SpawnedDaemon, useDaemon } from '../helpers/daemon';
import { ALL_COMBOS, COMBOS, applyCombo, comboName, misfits } from './layout/fit';

// Staff on the resident screen, in Chromium against one real daemon: a staff
// member opens the panel (hold the title), signs in and turns guided mode on
// (hints shown and spoken on the apply journey's screens, gone with the
// session); an assistant signs in with their own card and handles an
// application for a resident (consent names them; the receipt from the
// printer emulator and the audit carry 帮办代办 and the staff number; nothing
// of the resident is reachable after the session).

const PIN = '135790';
/** The assistant's own ID card is a synthetic one of the simulator's. */
const ASSISTANT_CARD = { card: 'resident-norecords', id: '41040320010115007X' };
const RESIDENT = { card: 'resident-young', id: '410403199011020030' };
const PHONE = '13912345678';
/** Where this file's journeys are driven (the page's own size, normal mode, Chinese). */
const BASE = ALL_COMBOS.find((c) => c.size.width === 1920 && c.mode === 'normal' && c.lang === 'zh-CN')!;
const config = {
  // Cards are read here for who is at the terminal, not for the reader's timing: no module processing time.
  ...INSTANT_READER,
  staff: {
    accounts: [
      { staffNo: 'S001', name: '测试员甲', role: 'staff', pinHash: hashPin(PIN) },
      { staffNo: 'A010', name: '代办员乙', role: 'assistant', pinHash: hashPin(PIN), cardHash: hashStaffCard(ASSISTANT_CARD.id) },
    ],
  },
};

describe.skipIf(SKIP_BROWSER)('staff on the terminal', () => {
  const rig = useDaemon({ beforeAll, afterAll }, { config });
  let browser: Browser;
  let d: SpawnedDaemon;
  beforeAll(async () => {
    browser = await launchChromium();
    d = rig.daemon();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const sim = (device: string, action: string, param?: string) => d.sim(device, action, param);

  /** A page whose speech is recorded: a browser voice that writes down what it is asked to say. */
  async function page(): Promise<Page> {
    const p = await newTestPage(browser, { viewport: { width: 1920, height: 1080 } });
    p.setDefaultTimeout(15_000);
    await p.addInitScript(() => {
      const spoken: string[] = [];
      (window as any).__spoken = spoken;
      (window as any).SpeechSynthesisUtterance = class {
        constructor(readonly text: string) {}
      };
      const synth = { getVoices: () => [{ lang: 'zh-CN' }, { lang: 'en-US' }], speak: (u: { text: string }) => spoken.push(u.text), cancel: () => undefined };
      Object.defineProperty(window, 'speechSynthesis', { value: synth });
    });
    await p.goto(d.url);
    await p.getByTestId('start').click();
    await p.locator('[data-screen="home"]').waitFor();
    return p;
  }

  /** The hidden entry: hold the title in the top bar until the panel opens. */
  async function openPanel(p: Page): Promise<void> {
    await p.locator('.bar__title').hover();
    await p.mouse.down();
    await p.getByTestId('staff-panel').waitFor();
    await p.mouse.up();
  }

  const hint = async (p: Page, screen: string) => (await p.locator(`[data-testid="guided-hint"][data-hint="${screen}"]`).textContent())!;
  const spoken = (p: Page) => p.evaluate(() => (window as any).__spoken as string[]);

  async function openItem(p: Page, initials: string, itemId: string): Promise<void> {
    await p.getByTestId('open-search').click();
    for (const ch of initials) await p.locator(`[data-key="${ch}"]`).click();
    await p.locator(`[data-testid="items"] [data-item="${itemId}"]`).click();
    await p.locator('[data-screen="item"]').waitFor();
  }

  it('guided mode: a staff member signs in by number + PIN, hints are shown, highlighted and spoken on the journey, and end with the session', async () => {
    const p = await page();
    await p.getByTestId('toggle-voice').click();
    await openPanel(p);
    for (const ch of 's001') await p.locator(`[data-testid="staff-panel"] [data-key="${ch}"]`).click();
    expect(await p.getByTestId('staff-no').textContent()).toBe('S001');
    await p.getByTestId('staff-next').click();
    for (const ch of PIN) await p.locator(`[data-testid="staff-panel"] [data-key="${ch}"]`).click();
    expect(await p.getByTestId('staff-pin').textContent()).toBe('••••••'); // never the PIN on a public screen
    await p.getByTestId('staff-next').click();
    await p.getByTestId('staff-member').filter({ hasText: 'S001' }).waitFor();
    expect(await p.getByTestId('staff-assist').count()).toBe(0); // assistants only
    await p.getByTestId('staff-guided').click();
    await p.locator('[data-testid="staff-guided"][aria-pressed="true"]').waitFor();
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'staff-panel-signed-in.png') });
    await p.getByTestId('staff-close').click();

    const home = await hint(p, 'home');
    expect(home).toContain('搜索');
    expect(await p.locator('[data-screen="home"] [data-guided-next]').count()).toBe(1);
    await openItem(p, 'tyjr', 'WD-KIOSK-036');
    const item = await hint(p, 'item');
    // The hint shows at once; the guide's controls come with the guide (catalog.item), slower on a loaded machine.
    await p.getByTestId('start-service').waitFor();
    await p.locator('[data-screen="item"] [data-guided-next]').waitFor();
    expect(await p.locator('[data-screen="item"] [data-guided-next]').count()).toBe(1);
    await p.getByTestId('start-service').click();
    const identify = await hint(p, 'identify');
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'guided-identify.png') });
    const said = await spoken(p);
    // Each screen's hint is spoken (in place of its short prompt), in the order shown.
    for (const h of [home, item, identify]) expect(said).toContain(h.replace(/^引导\s*/, ''));
    expect(said.indexOf(item.replace(/^引导\s*/, ''))).toBeGreaterThan(said.indexOf(home.replace(/^引导\s*/, '')));

    // The session ends: the next resident gets no hints, and the daemon holds no staff member.
    await p.getByTestId('end').click();
    await p.getByTestId('start').and(p.locator(':enabled')).click();
    await p.locator('[data-screen="home"]').waitFor();
    expect(await p.getByTestId('guided-hint').count()).toBe(0);
    expect(await p.locator('[data-guided-next]').count()).toBe(0);
    const ws = await d.connect();
    expect((await call(ws, 'staff.terminal.state')).result).toMatchObject({ member: null, guided: false });
    ws.close();
    await p.close();
  }, 90_000);

  it('assisted handling: an assistant signs in with their card; consent names them; the receipt and the audit carry 帮办代办 and the staff number; nothing of the resident is reachable after', async () => {
    const p = await page();
    await openPanel(p);
    await p.getByTestId('staff-by-card').click();
    await p.getByTestId('staff-card-waiting').waitFor();
    await sim('idCardReader', 'insertCard', ASSISTANT_CARD.card);
    await p.getByTestId('staff-member').filter({ hasText: 'A010' }).waitFor({ timeout: 20_000 });
    await sim('idCardReader', 'removeCard');
    await p.getByTestId('staff-assist').click();
    await p.locator('[data-testid="staff-assist"][aria-pressed="true"]').waitFor();
    // Guided as well: the consent screen then carries both the hint and the assisted notice, its tallest form.
    await p.getByTestId('staff-guided').click();
    await p.locator('[data-testid="staff-guided"][aria-pressed="true"]').waitFor();
    await p.getByTestId('staff-close').click();

    await openItem(p, 'tyjr', 'WD-KIOSK-036');
    await p.getByTestId('start-service').click();
    await p.locator('[data-testid="identify"][data-state="waiting"]').waitFor();
    await sim('idCardReader', 'insertCard', RESIDENT.card);
    await p.getByTestId('consent').waitFor({ timeout: 20_000 });
    const notice = (await p.getByTestId('assisted-notice').textContent())!;
    expect(notice).toContain('代办员乙');
    expect(notice).toContain('A010');
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'assisted-consent.png') });
    // With the guided hint and the assisted notice, in the layout sweep's combinations: 同意 on screen, nothing to scroll.
    await p.getByTestId('guided-hint').waitFor();
    const problems: string[] = [];
    for (const c of COMBOS) {
      await applyCombo(p, c);
      for (const m of await misfits(p)) problems.push(`${comboName(c)}: ${m}`);
    }
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'assisted-guided-consent-last-combo.png') });
    expect(problems).toEqual([]);
    await applyCombo(p, BASE);
    await p.getByTestId('consent-accept').click();

    await p.getByTestId('questions').waitFor();
    const fields = p.locator('[data-testid="questions"] fieldset[data-field]');
    for (let i = 0; i < (await fields.count()); i++) {
      const f = fields.nth(i);
      if (await f.locator('[data-testid="digit-pad"]').count()) for (const ch of PHONE) await f.locator(`[data-key="${ch}"]`).click();
      else await f.locator('[data-option]').first().click();
    }
    await p.getByTestId('step-next').click();
    const mats = p.locator('[data-testid="materials"] fieldset[data-material]');
    await p.getByTestId('materials').waitFor();
    for (let i = 0; i < (await mats.count()); i++) await mats.nth(i).locator('[data-choice="have"]').click();
    await p.getByTestId('step-next').click();
    await p.locator('[data-delivery="pickup"]').click();
    await p.getByTestId('step-next').click();
    await p.getByTestId('submit').click();
    await p.getByTestId('printed').waitFor({ timeout: 30_000 });
    const caseNo = (await p.getByTestId('case-no').textContent())!.trim();

    const ws = await d.connect();
    const job = (await call(ws, 'printer.lastJobs', { limit: 1 })).result.jobs.at(-1);
    const text = (job.lines as string[]).join('\n');
    expect(text).toContain(caseNo);
    expect(text).toContain('帮办代办（工作人员 A010）');
    const db = new Database(join(d.dataDir, 'kiosk.db'), { readonly: true });
    const audit = db.prepare("SELECT detail FROM audit WHERE action = 'submission.assisted'").all() as Array<{ detail: string }>;
    db.close();
    expect(audit.map((a) => JSON.parse(a.detail))).toContainEqual({ caseNo, staffNo: 'A010' });

    // The resident leaves: the assistant is signed out with the session, and nothing of the resident answers any more.
    await sim('idCardReader', 'removeCard');
    await p.getByTestId('end').click();
    await p.getByTestId('start').waitFor();
    expect((await call(ws, 'staff.terminal.state')).result).toMatchObject({ member: null, assisting: false });
    expect((await call(ws, 'case.progress', { byCard: true })).error?.code).toBe('noSession');
    expect((await call(ws, 'receipt.print', { caseNo })).ok).toBe(false);
    ws.close();
    await p.close();
  }, 120_000);

  it('the staff view (/staff): signs in with the staff card, shows a call as it arrives among today’s intake, acknowledges it, signs out', async () => {
    const p = await newTestPage(browser, { viewport: { width: 1920, height: 1080 } });
    p.setDefaultTimeout(15_000);
    await p.goto(new URL('/staff', d.url).href);
    await p.getByTestId('staff-signin').waitFor();
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'staff-view-signin.png') });
    await sim('idCardReader', 'removeCard');
    await p.getByTestId('staff-signin-card').click();
    await sim('idCardReader', 'insertCard', ASSISTANT_CARD.card);
    await p.getByTestId('signed-in').filter({ hasText: 'A010' }).waitFor({ timeout: 20_000 });
    await sim('idCardReader', 'removeCard');

    // A resident taps 呼叫工作人员: the signed-in page hears it (server-sent event) and lists it, also among today's intake.
    const ws = await d.connect();
    const called = await call(ws, 'submission.submit', { kind: 'callStaff', idempotencyKey: randomUUID(), payload: { reason: 'help' } });
    ws.close();
    const caseNo = called.result.caseNo as string;
    const row = p.locator(`[data-call="${caseNo}"]`);
    await row.getByTestId('call-acknowledge').waitFor();
    await p.getByTestId('section-submissions').filter({ hasText: caseNo }).waitFor();
    await row.getByTestId('call-acknowledge').click();
    await row.filter({ hasText: 'A010' }).waitFor();

    for (const [w, h] of [
      [1080, 1920],
      [1920, 1080],
      [1280, 1024],
    ] as const) {
      await p.setViewportSize({ width: w, height: h });
      await p.screenshot({ path: join(SCREENSHOT_DIR, `staff-view-${w}x${h}.png`) });
    }
    await p.getByTestId('lang').click();
    await p.locator('html[lang="en"]').waitFor({ state: 'attached' });
    await p.screenshot({ path: join(SCREENSHOT_DIR, 'staff-view-en-1280x1024.png') });

    await p.getByTestId('sign-out').click();
    await p.getByTestId('staff-signin').waitFor();
    expect(await p.getByTestId('section-calls').count()).toBe(0);
    expect((await fetch(new URL('/staff/api/overview', d.url))).status).toBe(401);
    await p.close();
  }, 60_000);
});
