import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ROOT_DIR } from '../device-daemon/version';

// `npm run fuzz`: the property-based fuzz tests (tests/**/*.fuzz.test.ts)
// with many more inputs than `npm test` runs. Every target gets --runs inputs
// (default 1,000,000, or FUZZ_RUNS), in batches of --batch, batch k from seed
// --seed + k (default: from the time, printed). A failure stops the run; it
// is printed shrunk by fast-check, and `npm run fuzz -- --runs <batch> --batch
// <batch> --seed <the batch's seed> [--only <target>]` replays that batch.
//   --only <text>  only the fuzz test files whose path contains <text> (sam, escpos, scanner, nextion, router)
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.FUZZ_RUNS ?? '1000000' },
    batch: { type: 'string', default: '100000' },
    seed: { type: 'string', default: process.env.FUZZ_SEED ?? String(Date.now() % 2 ** 31) },
    only: { type: 'string', default: '' },
  },
});
const runs = Number(values.runs);
const batch = Math.min(Number(values.batch), runs);
const seed0 = Number(values.seed);
if (![runs, batch, seed0].every(Number.isSafeInteger) || runs < 1 || batch < 1) throw new Error('--runs, --batch and --seed take whole numbers (runs and batch ≥ 1)');

const files = readdirSync(`${ROOT_DIR}/tests`, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.fuzz.test.ts') && f.includes(values.only))
  .map((f) => `tests/${f}`)
  .sort();
if (files.length === 0) throw new Error(`no fuzz test file matches --only ${values.only}`);
process.stdout.write(`fuzz targets: ${files.join(', ')}\n`);
const started = performance.now();
for (let done = 0, k = 0; done < runs; done += batch, k++) {
  const n = Math.min(batch, runs - done);
  const seed = seed0 + k;
  process.stdout.write(`fuzz batch ${k + 1}: ${n} inputs per target from seed ${seed}\n`);
  // The fuzz tests need no built daemon or UI; one worker, the machine is shared.
  const r = spawnSync('npx', ['vitest', 'run', '--maxWorkers=1', ...files], {
    cwd: ROOT_DIR,
    stdio: 'inherit',
    env: { ...process.env, FUZZ_RUNS: String(n), FUZZ_SEED: String(seed), KIOSK_TEST_SKIP_BUILD: '1' },
  });
  if (r.status !== 0) {
    process.stderr.write(`fuzz failed in batch ${k + 1}: replay with npm run fuzz -- --runs ${n} --batch ${n} --seed ${seed}${values.only ? ` --only ${values.only}` : ''}\n`);
    process.exit(r.status ?? 1);
  }
}
const s = (performance.now() - started) / 1000;
process.stdout.write(`fuzz: ${runs} inputs per target from seed ${seed0}, no failure, in ${s.toFixed(0)} s\n`);
