import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildRuntime } from '../scripts/build/runtime';
import { type DaemonRuntime, spawnDaemon } from '../tests/helpers/daemon';

// Cold start of the daemon: process start → its listening line, compiled
// (node dist/daemon.js, what a terminal runs) against the sources through tsx
// (what `npm start` and the tests ran before). Each run has a fresh data dir
// (a new SQLite file), as a first boot; the OS file cache is warm (one
// discarded run of each first), as on any restart after the first. The time
// includes writing the run's config file (under a millisecond).
const RUNS = 7;

interface Sample {
  ms: number;
  /** user+sys CPU of the daemon process (all its threads) when it printed the listening line, or undefined without /proc. */
  cpuMs: number | undefined;
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a live process from /proc/<pid>/stat (fields 14 and 15, after the parenthesised name). */
function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

async function startOnce(runtime: DaemonRuntime): Promise<Sample> {
  const t0 = performance.now();
  const d = await spawnDaemon({ runtime });
  const ms = performance.now() - t0;
  const cpuMs = cpuMsOf(d.proc.pid!);
  await d.stop();
  return { ms, cpuMs };
}

function summary(xs: number[]): { min: number; median: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
}

const fmt = (s: { min: number; median: number; max: number }) => `min ${s.min.toFixed(0)} ms, median ${s.median.toFixed(0)} ms, max ${s.max.toFixed(0)} ms`;

export async function run(): Promise<void> {
  await buildRuntime();
  const runtimes: DaemonRuntime[] = ['compiled', 'tsx'];
  for (const r of runtimes) await startOnce(r); // warm the file cache
  const samples: Record<DaemonRuntime, Sample[]> = { compiled: [], tsx: [] };
  // Interleaved, so load from elsewhere on the machine falls on both alike.
  for (let i = 0; i < RUNS; i++) for (const r of runtimes) samples[r].push(await startOnce(r));

  const wall = { compiled: summary(samples.compiled.map((s) => s.ms)), tsx: summary(samples.tsx.map((s) => s.ms)) };
  for (const r of runtimes) {
    const cpu = samples[r].map((s) => s.cpuMs).filter((c): c is number => c !== undefined);
    const cpuText = cpu.length ? `; CPU user+sys ${fmt(summary(cpu))}` : '; CPU not measured (no /proc)';
    process.stdout.write(`${r.padEnd(8)} start → listening (${RUNS} runs): ${fmt(wall[r])}${cpuText}\n`);
  }
  const compiledCpu = samples.compiled.map((s) => s.cpuMs).filter((c): c is number => c !== undefined);
  process.stdout.write(
    `ratio compiled/tsx: median ${(wall.compiled.median / wall.tsx.median).toFixed(2)}, min ${(wall.compiled.min / wall.tsx.min).toFixed(2)}; ` +
      (compiledCpu.length
        ? `compiled CPU before listening max ${Math.max(...compiledCpu).toFixed(0)} ms (target < 1000 ms) ${Math.max(...compiledCpu) < 1000 ? 'OK' : 'MISSED'}\n`
        : 'compiled CPU not measured (no /proc)\n'),
  );
}
