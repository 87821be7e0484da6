import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SpawnedDaemon } from '../../tests/helpers/daemon';
import type { PageSample } from './browser-lane';
import { waitUntil } from '../../tests/helpers/wait';

/** The probe preloaded into the daemon (see memory-probe.mjs). */
const PROBE_MODULE = join(import.meta.dirname, 'memory-probe.mjs');

/** The daemon as the soak sees it after `sessions` sessions. Sizes in bytes. */
export interface Sample {
  sessions: number;
  elapsedMs: number;
  /** Resident set (kernel's VmRSS), and its private part (Private_Dirty: what this process alone holds). */
  rss: number;
  privateDirty: number;
  /** VmRSS just before the probe's forced GC: what the daemon holds as it runs, garbage not yet collected included. */
  rssBeforeGc: number;
  /** process.memoryUsage() inside the daemon, after a full GC. */
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  fds: number;
  /** Active handles by type (sockets, timers, pipes …): a leak of listeners or sockets shows here. */
  resources: Record<string, number>;
  dbBytes: number;
  logBytes: number;
  /** The kiosk page's own figures, when the soak drives one. */
  page?: PageSample;
  /** Where the RSS is, by kind of mapping (/proc/<pid>/smaps): see {@link regionOf}. */
  regions: Record<Region, { rss: number; privateDirty: number }>;
  /** V8's heap spaces after the GC (size reserved and used), by space name. */
  spaces: Record<string, { size: number; used: number }>;
  /** The daemon's own GCs since the previous sample, by kind (minor, major, incremental, weakcb): count and main-thread pause. */
  gcPauses: Record<string, GcPauses>;
}

export interface GcPauses {
  count: number;
  /** Milliseconds the main thread stood still, summed and the longest. */
  ms: number;
  maxMs: number;
}

/**
 * Kinds of mapping. `brk`: malloc's main heap ([heap]); `anon`: other anonymous
 * mappings (V8's heap pages, malloc's mmapped chunks and other arenas, thread
 * stacks); `node`: the node binary's pages (text shared with other node
 * processes); `addons`: native addons (*.node: better-sqlite3, serialport);
 * `files`: other file mappings (libc, the database's -shm, locale data).
 */
type Region = 'brk' | 'anon' | 'node' | 'addons' | 'files';

function regionOf(name: string): Region {
  if (name === '[heap]') return 'brk';
  if (name === '' || name.startsWith('[')) return 'anon';
  if (/\/node$/.test(name)) return 'node';
  if (name.endsWith('.node')) return 'addons';
  return 'files';
}

/** Sums Rss and Private_Dirty of /proc/<pid>/smaps by {@link regionOf}. */
export function smapsRegions(text: string): Sample['regions'] {
  const out = Object.fromEntries((['brk', 'anon', 'node', 'addons', 'files'] as const).map((r) => [r, { rss: 0, privateDirty: 0 }])) as Sample['regions'];
  let current: Region = 'anon';
  for (const line of text.split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) current = regionOf(head[1]!.trim());
    else if (line.startsWith('Rss:')) out[current].rss += kb(line, 'Rss');
    else if (line.startsWith('Private_Dirty:')) out[current].privateDirty += kb(line, 'Private_Dirty');
  }
  return out;
}

const kb = (text: string, field: string): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)?.[1] ?? Number.NaN) * 1024;

function bytesUnder(dir: string, match: (name: string) => boolean): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && match(e.name))
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

/** What the preloaded probe writes. */
interface Probed {
  memory: NodeJS.MemoryUsage;
  resources: Record<string, number>;
  spaces: Sample['spaces'];
  gcPauses: Sample['gcPauses'];
}

/** Reads a running daemon's figures: /proc for RSS and fds, the preloaded probe (SIGUSR2) for the heap, the data dir for db and log. */
export class Sampler {
  private seq = 0;
  private readonly t0 = performance.now();

  constructor(
    private readonly daemon: SpawnedDaemon,
    private readonly probeOut: string,
  ) {}

  /** Environment that preloads the probe into the daemon (and lets it force a GC before measuring). */
  static env(probeOut: string): NodeJS.ProcessEnv {
    return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc --import=${PROBE_MODULE}`.trim(), KIOSK_SOAK_PROBE_OUT: probeOut };
  }

  private async probe(): Promise<Probed> {
    const want = this.seq + 1;
    this.daemon.proc.kill('SIGUSR2');
    const got = await waitUntil(
      () => {
        if (!existsSync(this.probeOut)) return undefined;
        try {
          const p = JSON.parse(readFileSync(this.probeOut, 'utf8')) as Probed & { seq: number };
          return p.seq >= want ? p : undefined;
        } catch {
          return undefined; // caught mid-write
        }
      },
      { timeoutMs: process.env.KIOSK_SOAK_HEAPSNAPSHOT_DIR ? 120_000 : 10_000, what: 'the memory probe to answer', intervalMs: 20 },
    );
    this.seq = got.seq;
    return got;
  }

  async sample(sessions: number): Promise<Sample> {
    const pid = this.daemon.proc.pid!;
    const rssBeforeGc = kb(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS');
    const { memory, resources, spaces, gcPauses } = await this.probe();
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const dir = this.daemon.dataDir;
    return {
      sessions,
      elapsedMs: Math.round(performance.now() - this.t0),
      rss: kb(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS'),
      privateDirty: kb(rollup, 'Private_Dirty'),
      rssBeforeGc,
      heapUsed: memory.heapUsed,
      heapTotal: memory.heapTotal,
      external: memory.external,
      arrayBuffers: memory.arrayBuffers,
      fds: readdirSync(`/proc/${pid}/fd`).length,
      resources,
      dbBytes: bytesUnder(dir, (n) => n.startsWith('kiosk.db')),
      logBytes: bytesUnder(join(dir, 'log'), () => true),
      regions: smapsRegions(readFileSync(`/proc/${pid}/smaps`, 'utf8')),
      spaces,
      gcPauses,
    };
  }
}
