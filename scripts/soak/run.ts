import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { spawnDaemon, type SpawnedDaemon } from '../../tests/helpers/daemon';
import { waitUntil } from '../../tests/helpers/wait';
import { journeyOf, runJourney, type Journey, type KioskState } from './journeys';
import { Lane } from './lane';
import { checkSubmissions, Ledger, type SubmissionCheck } from './ledger';
import { auditDatabase, auditFiles, auditPrinted, secretsOf, type Finding } from './privacy-audit';
import { retentionWithMovedClock } from './retention';
import { Sampler, type Sample } from './sampler';
import type { BrowserLane } from './browser-lane';

export interface SoakOptions {
  sessions: number;
  /** Start no new session after this long (the long run on a shared machine); the report says how many ran. */
  maxMs?: number;
  /** Take a sample (RSS, heap, fds, db, log) every this many sessions (and at 0 and at the end). */
  sampleEvery: number;
  /** The page reloads (a new connection) every this many sessions. */
  reconnectEvery: number;
  /** Drive every n-th session through Chromium instead of the API (0: none). */
  browserEvery: number;
  /** Open the browser lane (kept out of this module so an API-only soak never loads playwright). */
  openBrowser?: (daemon: SpawnedDaemon) => Promise<BrowserLane>;
  /** Config overrides on top of the soak's own (see SOAK_CONFIG). */
  config?: Record<string, unknown>;
  /** Extra environment of the daemon (MALLOC_ARENA_MAX, NODE_OPTIONS experiments). */
  env?: NodeJS.ProcessEnv;
  /** node's flags for the daemon (the long soak passes the terminal unit's; default: the tests' own). */
  nodeArgs?: string[];
  /** A tree holding another compiled dist/ (default: this checkout's), to compare two builds side by side. */
  appRoot?: string;
  onSample?: (s: Sample) => void;
  /** After the last session, leave the terminal at rest this long and sample again (0: not). */
  restMs?: number;
}

export interface SoakReport {
  sessions: number;
  elapsedMs: number;
  perJourney: Record<string, number>;
  browserSessions: number;
  failures: string[];
  samples: Sample[];
  submissions: SubmissionCheck;
  receipts: { originals: number; duplicates: string[]; nonReceiptPages: number };
  /** beforeRetention: what the database audit found before the retention sweep (the personal data it then purged). */
  privacy: { findings: Finding[]; pendingAtAudit: number; purged: number; beforeRetention: number };
  phonesTyped: number;
  /** The sample taken after the last session and restMs with nobody at the terminal (V8 and malloc give memory back when the daemon idles). */
  atRest?: { restMs: number; sample: Sample };
}

/**
 * The soak's config. The API limits are those of one page (10 commands/s
 * after a burst of 40, 2 case lookups/s): the soak runs sessions back to back
 * with no resident's think time, so it would meet them where no resident
 * does; it lifts them and says so in the README. Everything else is the
 * shipped config (log level info, simulators at realistic timing).
 */
const SOAK_CONFIG = { server: { limits: { commandsPerSecond: 1000, commandBurst: 10000, maxInFlight: 1000, caseLookupsPerSecond: 100, caseLookupBurst: 100 } } };

/** Announced case numbers (submission.accepted events on the lane's socket), including the browser's. */
function announcedCases(ws: WebSocket, into: Set<string>): void {
  ws.on('message', (data: WebSocket.RawData) => {
    const msg = JSON.parse(data.toString()) as { kind: string; name?: string; data?: { caseNo?: string } };
    if (msg.kind === 'event' && msg.name === 'submission.accepted' && msg.data?.caseNo) into.add(msg.data.caseNo);
  });
}

/** Back to a kiosk with nobody at it after a failed session: session ended, no card in the reader. */
async function recover(lane: Lane, state: KioskState): Promise<void> {
  await lane.cmd('session.end', { reason: 'error' }).catch(() => undefined);
  if (state.cardInReader) await lane.sim('idCardReader', 'removeCard').catch(() => undefined);
  state.cardInReader = false;
}

export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const probeOut = join(tmpdir(), `kiosk-soak-probe-${process.pid}-${Date.now()}.json`);
  const daemon = await spawnDaemon({ config: { ...SOAK_CONFIG, ...opts.config }, env: { ...Sampler.env(probeOut), ...opts.env }, nodeArgs: opts.nodeArgs, appRoot: opts.appRoot });
  const sampler = new Sampler(daemon, probeOut);
  const lane = new Lane(daemon);
  const state: KioskState = { cardInReader: false, phones: new Set() };
  const ledger = new Ledger();
  const announced = new Set<string>();
  const samples: Sample[] = [];
  const failures: string[] = [];
  const perJourney: Record<string, number> = {};
  const printedFindings: Finding[] = [];
  let browser: BrowserLane | undefined;
  let browserSessions = 0;
  const t0 = performance.now();
  const take = async (n: number) => {
    const s = await sampler.sample(n);
    if (browser) s.page = await browser.pageMemory();
    samples.push(s);
    opts.onSample?.(s);
  };
  try {
    await lane.open();
    announcedCases(lane.socket(), announced);
    if (opts.browserEvery > 0 && opts.openBrowser) browser = await opts.openBrowser(daemon);
    await take(0);
    let n = 0;
    for (; n < opts.sessions && !(opts.maxMs && performance.now() - t0 > opts.maxMs); n++) {
      if (n > 0 && n % opts.reconnectEvery === 0) {
        await lane.reopen();
        announcedCases(lane.socket(), announced);
      }
      const viaBrowser = browser !== undefined && opts.browserEvery > 0 && n % opts.browserEvery === opts.browserEvery - 1;
      const journey: Journey | string = viaBrowser ? `browser:${browser!.nextJourney()}` : journeyOf(n);
      try {
        if (viaBrowser) {
          if (state.cardInReader) await recover(lane, state);
          await browser!.run(n, state, () => lane.capturePrinted());
          browserSessions++;
        } else await runJourney(journey as Journey, lane, state, n);
        perJourney[journey] = (perJourney[journey] ?? 0) + 1;
      } catch (err) {
        failures.push(`session ${n} (${journey}): ${(err as Error).message}`);
        await recover(lane, state);
      }
      const pages = lane.takePages();
      printedFindings.push(...auditPrinted(ledger.printed(pages), secretsOf(state.phones), `printed(session ${n})`));
      if ((n + 1) % opts.sampleEvery === 0) await take(n + 1);
    }
    if (samples.at(-1)?.sessions !== n) await take(n);
    const elapsedMs = Math.round(performance.now() - t0);
    let atRest: SoakReport['atRest'];
    if (opts.restMs) {
      await new Promise((r) => setTimeout(r, opts.restMs));
      const sample = await sampler.sample(n);
      opts.onSample?.(sample);
      atRest = { restMs: opts.restMs, sample };
    }
    // Everything accepted reaches the (embedded) platform before the audit: nothing is left awaiting delivery.
    await waitUntil(async () => (await lane.cmd<{ total: number }>('outbox.status')).total === 0, { timeoutMs: 60_000, what: 'the outbox to drain' });
    await browser?.close();
    lane.close();
    await daemon.stop();
    const submissions = checkSubmissions(daemon.dataDir, lane.submissions, announced);
    const secrets = secretsOf(state.phones);
    // Before retention the delivered submissions still hold their applicants and phones: the audit must see them.
    const beforeRetention = auditDatabase(daemon.dataDir, secrets).findings.length;
    const purged = await retentionWithMovedClock(daemon);
    const db = auditDatabase(daemon.dataDir, secrets);
    const findings = [...auditFiles(join(daemon.dataDir, 'log'), secrets, 'log'), ...db.findings, ...printedFindings, ...(browser ? auditFiles(browser.profileDir, secrets, 'browser-profile') : [])];
    if (browser) rmSync(browser.profileDir, { recursive: true, force: true });
    return {
      sessions: n,
      elapsedMs,
      perJourney,
      browserSessions,
      failures,
      samples,
      submissions,
      receipts: { originals: ledger.originals.size, duplicates: ledger.duplicateReceipts, nonReceiptPages: ledger.nonReceiptPages },
      privacy: { findings, pendingAtAudit: db.pending, purged, beforeRetention },
      phonesTyped: state.phones.size,
      ...(atRest ? { atRest } : {}),
    };
  } finally {
    await browser?.close();
    lane.close();
    await daemon.stop('SIGKILL');
    rmSync(probeOut, { force: true });
  }
}
