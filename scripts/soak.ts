import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatReport, formatSample } from './soak/report';
import { runSoak } from './soak/run';
import { shippedEnvironment, shippedNodeFlags } from './soak/service-flags';

// `npm run soak -- --sessions 10000 [--minutes 25] [--browser-every 50] [--sample-every 100] [--rest-seconds 60] [--json out.json]`:
// complete sessions through the real compiled daemon (run `npm run build` first) and its simulators,
// figures printed as they are sampled, the invariants and the privacy audit at the end. Exit 1 when
// an invariant fails. The README's Soak section says what it does and what it found.
const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '1000' },
    minutes: { type: 'string' },
    'browser-every': { type: 'string', default: '50' },
    'sample-every': { type: 'string', default: '100' },
    'reconnect-every': { type: 'string', default: '50' },
    'rest-seconds': { type: 'string', default: '0' },
    json: { type: 'string' },
  },
});

const browserEvery = Number(values['browser-every']);
const nodeArgs = shippedNodeFlags();
const unitEnv = shippedEnvironment();
process.stdout.write(
  `daemon: ${Object.entries(unitEnv)
    .map(([k, v]) => `${k}=${v} `)
    .join('')}node ${nodeArgs.join(' ')} dist/daemon.js (the terminal unit's flags and environment)\n`,
);
const report = await runSoak({
  sessions: Number(values.sessions),
  maxMs: values.minutes ? Number(values.minutes) * 60_000 : undefined,
  sampleEvery: Number(values['sample-every']),
  reconnectEvery: Number(values['reconnect-every']),
  browserEvery,
  openBrowser: browserEvery > 0 ? async (d) => (await import('./soak/browser-lane')).openBrowserLane(d) : undefined,
  nodeArgs,
  env: { ...unitEnv, ...(process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {}) },
  restMs: Number(values['rest-seconds']) * 1000,
  onSample: (s) => process.stdout.write(`${formatSample(s)}\n`),
});
process.stdout.write(`\n${formatReport(report)}\n`);
if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));
const ok =
  report.failures.length === 0 && report.submissions.lost.length === 0 && report.submissions.duplicates.length === 0 && report.receipts.duplicates.length === 0 && report.privacy.findings.length === 0;
process.exit(ok ? 0 : 1);
