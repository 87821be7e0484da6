import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { ROOT, spawnDaemon, type SpawnedDaemon } from './daemon';

const CHROMIUM = process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium';
/** Only a developer sets this, on a machine without chromium; CI never does. */
export const SKIP_BROWSER = process.env.KIOSK_SKIP_BROWSER_TESTS === '1';
export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts', 'screenshots');

/** Debian's chromium is required: fail with the install command when it is missing. */
function chromiumPath(): string {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium fonts-noto-cjk ` +
        `(or point KIOSK_CHROMIUM at a Chromium binary). To skip browser tests on this machine only, set KIOSK_SKIP_BROWSER_TESTS=1.`,
    );
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return CHROMIUM;
}

/**
 * The shipped config's simulated ID-card reader without the module's
 * processing time (find ~60 ms, read ~650 ms a card): for journeys that use a
 * card but are not about the reader's timing. The bytes still cross the
 * simulated serial line at its baud rate.
 */
export const INSTANT_READER = { devices: { idCardReader: { simulator: { timing: 'instant' } } } };

/** The flags this closed network needs. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's chromium, headless, with the flags this closed network needs. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/** The same Chromium with its profile kept in `userDataDir` (to inspect what the kiosk's browser stored on disk). */
export async function launchChromiumProfile(userDataDir: string, viewport = { width: 1920, height: 1080 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, viewport });
}

/** A context the tests of a browser share (per set of options), the origins its pages were at, and its tabs free for the next test. */
interface SharedContext {
  context: BrowserContext;
  origins: Set<string>;
  idle: Page[];
  /** A test used its clock (context-wide): the context is closed with its last page instead of serving another test. */
  retired: boolean;
}
const sharedContexts = new WeakMap<Browser, Map<string, SharedContext>>();
/** Page methods whose effect outlasts a navigation: a tab a test called one of them on is closed, not lent again. */
const LASTING = [
  'addInitScript',
  'exposeBinding',
  'exposeFunction',
  'route',
  'routeFromHAR',
  'routeWebSocket',
  'setExtraHTTPHeaders',
  'setViewportSize',
  'setDefaultTimeout',
  'setDefaultNavigationTimeout',
  'emulateMedia',
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
] as const;
/** Per lent tab: whether the test changed something that outlasts a navigation, and the origins it was at. */
const lent = new WeakMap<Page, { dirty: boolean; origins: Set<string> }>();

/**
 * A new tab for one test, as `browser.newPage()` gives, but cheaper for
 * Chromium: the tab comes from a context the tests of this browser share (per
 * set of options), and a tab a test closed is navigated to about:blank and
 * lent to the next test instead of closed. Eight rounds of opening the app,
 * starting a session and 1.5 s idle cost Chromium 21–22 s of CPU with a new
 * context or a new tab each round (a renderer process started and the app
 * compiled again each time), 7.8–10.4 s with one tab navigated each round.
 *
 * What the test sees is a new tab's: the app loads afresh when the test goes
 * to it, and nothing an earlier test left is kept: its sessionStorage is
 * cleared when it gives the tab back (and a tab that went to more than one
 * origin is closed), cookies and the origin storage of every origin the
 * context's tabs were at (localStorage, IndexedDB, Cache Storage, service
 * workers) are cleared before a tab is lent, the mouse is back at 0,0. A tab
 * a test changed in a way a navigation keeps (init scripts, routes, listeners,
 * viewport, timeouts: LASTING) is closed instead, and a context whose clock a
 * test used is closed with its last tab. The HTTP cache is shared (the app's
 * hashed assets, as the kiosk's own Chromium keeps them), as is the tab's
 * history (the app does not use it). Motion is reduced, which the app
 * honours: no test is about an animation, and the infinite ones (spinner,
 * card slot, guided mark) cost Chromium a tenth of a core while shown. A test
 * about the profile itself, a crashed page or a reload makes its own context.
 */
export async function newTestPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const contextOptions = { reducedMotion: 'reduce' as const, ...options };
  const key = JSON.stringify(contextOptions);
  const contexts = sharedContexts.get(browser) ?? new Map<string, SharedContext>();
  sharedContexts.set(browser, contexts);
  let shared = contexts.get(key);
  // A clock a test installed stays in its context: later tests get another one.
  if (shared?.retired) contexts.delete(key);
  if (!shared || shared.retired) {
    const context = await browser.newContext(contextOptions);
    const entry: SharedContext = { context, origins: new Set(), idle: [], retired: false };
    context.on('close', () => contexts.get(key) === entry && contexts.delete(key));
    contexts.set(key, entry);
    shared = entry;
  }
  let page = shared.idle.pop();
  while (page?.isClosed()) page = shared.idle.pop();
  if (!page) page = await openTab(shared);
  if (shared.origins.size > 0) {
    await shared.context.clearCookies();
    const cdp = await shared.context.newCDPSession(page);
    for (const origin of shared.origins) await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
    await cdp.detach();
  }
  lent.set(page, { dirty: false, origins: new Set() });
  return page;
}

/** A tab of the shared context whose close() gives it back for the next test when nothing of the test outlasts a navigation. */
async function openTab(shared: SharedContext): Promise<Page> {
  const page = await shared.context.newPage();
  const own = page as unknown as Record<string, unknown>;
  const proto = Object.getPrototypeOf(page) as Record<string, (...args: unknown[]) => unknown>;
  const markDirty = () => {
    const state = lent.get(page);
    if (state) state.dirty = true;
  };
  for (const m of LASTING) {
    const original = proto[m];
    if (typeof original !== 'function') continue;
    own[m] = (...args: unknown[]) => {
      markDirty();
      return original.apply(page, args);
    };
  }
  const clock = page.clock;
  Object.defineProperty(page, 'clock', {
    get: () => {
      shared.retired = true;
      return clock;
    },
  });
  // Registered through the prototype: the test's own listeners are what marks a tab dirty.
  proto.on!.call(page, 'framenavigated', (f: unknown) => {
    if (f !== page.mainFrame()) return;
    const origin = new URL(page.url()).origin;
    if (origin === 'null') return;
    shared.origins.add(origin);
    lent.get(page)?.origins.add(origin);
  });
  const close = proto.close!;
  own.close = async (options?: unknown) => {
    if (page.isClosed()) return;
    const state = lent.get(page);
    lent.delete(page);
    if (!state) return; // already given back
    if (state.dirty || state.origins.size > 1 || shared.retired || options !== undefined) {
      await close.call(page, options);
      if (shared.retired && shared.context.pages().length === 0) await shared.context.close();
      return;
    }
    try {
      if (page.url().startsWith('http')) await page.evaluate(() => sessionStorage.clear());
      await page.goto('about:blank');
      await page.mouse.move(0, 0);
      shared.idle.push(page);
    } catch {
      await close.call(page);
    }
  };
  return page;
}

/** Close every page of this browser (a shared context's tabs are given back): a page a failed test left open would hold the daemon's session. */
export async function closePages(browser: Browser): Promise<void> {
  for (const c of browser.contexts()) for (const p of c.pages()) await p.close();
}

/**
 * Chromium and a real daemon (started with `daemonOptions`) for one describe
 * block: registers beforeAll / afterAll and returns getters (valid inside
 * tests). A daemon that died during the tests has its stderr printed.
 */
export function useKioskRig(hooks: { beforeAll: (fn: () => Promise<void>) => void; afterAll: (fn: () => Promise<void>) => void }, daemonOptions: Parameters<typeof spawnDaemon>[0] = {}) {
  let browser: Browser | undefined;
  let daemon: SpawnedDaemon | undefined;
  hooks.beforeAll(async () => {
    browser = await launchChromium();
    daemon = await spawnDaemon(daemonOptions);
  });
  hooks.afterAll(async () => {
    await browser?.close();
    if (daemon && daemon.proc.exitCode !== null) console.error(`daemon died during the browser tests:\n${daemon.stderr()}`);
    await daemon?.stop();
  });
  return { browser: () => browser!, daemon: () => daemon! };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core in the page: WCAG 2.x A/AA rules; returns the violations (ids and targets). */
export async function axe(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol, which the page's CSP does not govern: the app stays under its real CSP.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const res = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
      // Kiosk hardening forbids pinch zoom (a zoomed public screen strands the next person);
      // the terminal's elder mode provides the large text instead. Every other rule applies.
      rules: { 'meta-viewport': { enabled: false } },
    });
    return r.violations.map(
      (v: any) =>
        `${v.id}: ${v.nodes
          .map((n: any) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  });
  return res as string[];
}

/** From home: search by pinyin initials, open the item, start its service and wait for the card. */
export async function startServiceByCard(page: Page, initials: string, itemId: string): Promise<void> {
  await page.getByTestId('open-search').click();
  for (const ch of initials) await page.locator(`[data-key="${ch}"]`).click();
  await page.locator(`[data-testid="items"] [data-item="${itemId}"]`).click();
  await page.getByTestId('start-service').click();
  await page.locator('[data-testid="identify"][data-state="waiting"]').waitFor();
}

/**
 * A resident's tab with a live session that holds personal data: 养老金领取记录
 * by card, consent given, the record on screen (the daemon holds the card
 * record for this page); the card is taken back, the record stays with the
 * session until it ends.
 */
export async function residentWithRecords(browser: Browser, daemon: SpawnedDaemon, card: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(daemon.url);
  await page.getByTestId('start').click();
  await startServiceByCard(page, 'yljlq', 'WD-KIOSK-052');
  if ((await daemon.sim('idCardReader', 'insertCard', card)).status !== 200) throw new Error(`the simulated reader refused card ${card}`);
  await page.getByTestId('consent').waitFor({ timeout: 20_000 });
  await page.getByTestId('consent-accept').click();
  await page.getByTestId('records-preview').waitFor({ timeout: 20_000 });
  if ((await daemon.sim('idCardReader', 'removeCard')).status !== 200) throw new Error('the simulated reader did not take the card back');
  return page;
}

/**
 * What any page of the daemon's origin can do, run in the page: take the
 * token from the served UI, open the API, send the frames exactly as written,
 * and return the completions in order.
 */
export async function apiFromPage(page: Page, frames: string[]): Promise<Array<Record<string, any>>> {
  return page.evaluate(async (texts) => {
    const html = await (await fetch('/')).text();
    const token = /<meta name="kiosk-token" content="([^"]+)">/.exec(html)![1];
    const ws = new WebSocket(`ws://${location.host}/api`, ['kiosk.v1', `token.${token}`]);
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    let answer: ((msg: Record<string, unknown>) => void) | undefined;
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data as string) as Record<string, unknown>;
      if (msg.kind === 'completion') answer?.(msg);
    };
    // One at a time, each answered before the next is sent, as a page that reads what it gets would.
    const answers: Array<Record<string, unknown>> = [];
    for (const t of texts) {
      answers.push(
        await new Promise<Record<string, unknown>>((resolve) => {
          answer = resolve;
          ws.send(t);
        }),
      );
    }
    ws.close();
    return answers;
  }, frames);
}

/** How many session wipes for `why` (newUiConnection, uiDisconnected, idleDeadline) the daemon has logged. */
export function wipesLogged(daemon: SpawnedDaemon, why: string): number {
  return (readFileSync(join(daemon.dataDir, 'log', 'daemon.log'), 'utf8').match(new RegExp(`"why":"${why}"`, 'g')) ?? []).length;
}
