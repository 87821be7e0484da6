import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { gcOverRun } from '../../../scripts/soak/report';
import type { GcPauses, Sample } from '../../../scripts/soak/sampler';
import { waitUntil } from '../../helpers/wait';

const PROBE = join(import.meta.dirname, '../../../scripts/soak/memory-probe.mjs');

// A process that makes garbage young and old on its own (its GCs are its own),
// then calls gc() itself five times (forced, as the probe's own would be), and
// waits for the probe's signal.
const CHILD = `
let keep = [];
for (let i = 0; i < 300000; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 50000) keep = []; }
const old = [];
for (let i = 0; i < 20; i++) old.push(new Array(100000).fill(i));
old.length = 0;
for (let i = 0; i < 5; i++) globalThis.gc();
process.stdout.write('ready\\n');
setInterval(() => {}, 1000);
`;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('the probe reports the process’s own GC pauses since the last probe, the forced ones left out', async () => {
  dir = mkdtempSync(join(tmpdir(), 'probe-'));
  const out = join(dir, 'probe.json');
  const child = spawn(process.execPath, ['--expose-gc', '--max-semi-space-size=1', `--import=${PROBE}`, '-e', CHILD], {
    env: { ...process.env, KIOSK_SOAK_PROBE_OUT: out },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => c.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    const probe = async (seq: number): Promise<Record<string, GcPauses>> => {
      child.kill('SIGUSR2');
      return waitUntil(
        () => {
          if (!existsSync(out)) return undefined;
          try {
            const p = JSON.parse(readFileSync(out, 'utf8')) as { seq: number; gcPauses: Record<string, GcPauses> };
            return p.seq >= seq ? p.gcPauses : undefined;
          } catch {
            return undefined; // mid-write
          }
        },
        { timeoutMs: 10_000, what: 'the probe to answer', intervalMs: 20 },
      );
    };
    const first = await probe(1);
    expect(first.minor?.count).toBeGreaterThan(0);
    expect(first.minor!.maxMs).toBeGreaterThan(0);
    expect(first.minor!.ms).toBeGreaterThanOrEqual(first.minor!.maxMs);
    // Five forced major GCs ran in the child: none of them is counted as the process's own.
    expect(first.major?.count ?? 0).toBeLessThan(5);
    // The next probe counts from the last one: the probe's own forced GC and an idle process add nothing.
    const second = await probe(2);
    expect(Object.values(second).reduce((n, p) => n + p.count, 0)).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
});

it('sums the pauses of the whole run by kind, with the longest of any sample', () => {
  const at = (gcPauses: Record<string, GcPauses>) => ({ gcPauses }) as Sample;
  const run = gcOverRun([at({ minor: { count: 3, ms: 4.5, maxMs: 2 } }), at({}), at({ minor: { count: 1, ms: 7, maxMs: 7 }, major: { count: 1, ms: 12, maxMs: 12 } })]);
  expect(run).toEqual({ minor: { count: 4, ms: 11.5, maxMs: 7 }, major: { count: 1, ms: 12, maxMs: 12 } });
});
