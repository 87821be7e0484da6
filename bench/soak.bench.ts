import { buildRuntime } from '../scripts/build/runtime';
import { formatReport, formatSample, logPerSession, sampleAt } from '../scripts/soak/report';
import { runSoak } from '../scripts/soak/run';
import { shippedEnvironment, shippedNodeFlags } from '../scripts/soak/service-flags';

// The soak's memory and log figures against their targets, over a run that
// fits a bench (KIOSK_SOAK_SESSIONS, default 300 API sessions, ~10 min on
// the 2-core machine): RSS at n against RSS at 100 (target ≤ 1.05 at
// 10,000), RSS at steady state (≤ 90 MB), log growth (≤ 1 KB a session).
// The long run with a share through Chromium is `npm run soak`; the README's
// Soak section has its figures.
const SESSIONS = Number(process.env.KIOSK_SOAK_SESSIONS ?? 300);
const MB = 1048576;

export async function run(): Promise<void> {
  // KIOSK_SOAK_APP_ROOT: a tree with another build's dist/ (and node_modules), to run two builds side by side.
  const appRoot = process.env.KIOSK_SOAK_APP_ROOT;
  if (!appRoot) await buildRuntime();
  // The daemon as the terminal's unit runs it (flags and environment); KIOSK_SOAK_NODE_FLAGS adds flags and MALLOC_ARENA_MAX overrides, for experiments.
  const nodeArgs = [...shippedNodeFlags(), ...(process.env.KIOSK_SOAK_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])];
  const env = { ...shippedEnvironment(), ...(process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {}) };
  process.stdout.write(
    `daemon${appRoot ? ` (${appRoot})` : ''}: ${Object.entries(env)
      .map(([k, v]) => `${k}=${v} `)
      .join('')}node ${nodeArgs.join(' ')} dist/daemon.js\n`,
  );
  const r = await runSoak({
    sessions: SESSIONS,
    sampleEvery: 50,
    reconnectEvery: 50,
    browserEvery: 0,
    nodeArgs,
    env,
    appRoot,
    onSample: (s) => process.stdout.write(`${formatSample(s)}\n`),
  });
  process.stdout.write(`${formatReport(r)}\n`);
  const at100 = sampleAt(r.samples, 100);
  const last = r.samples.at(-1)!;
  const ok = (b: boolean) => (b ? 'OK' : 'MISSED');
  if (at100 && last.sessions > at100.sessions) {
    const ratio = last.rss / at100.rss;
    process.stdout.write(`RSS(${last.sessions}) / RSS(${at100.sessions}) = ${ratio.toFixed(3)} (target ≤ 1.05 at 10,000) ${ok(ratio <= 1.05)}\n`);
  }
  process.stdout.write(
    `RSS at ${last.sessions} sessions ${(last.rss / MB).toFixed(1)} MB after a GC (target ≤ 90 MB) ${ok(last.rss <= 90 * MB)}; largest before a GC ${(Math.max(...r.samples.map((s) => s.rssBeforeGc)) / MB).toFixed(1)} MB\n`,
  );
  const log = logPerSession(r.samples);
  process.stdout.write(`log growth ${log.toFixed(0)} B/session (target ≤ 1024) ${ok(log <= 1024)}\n`);
}
