// Preloaded into the daemon by the soak (NODE_OPTIONS=--import=<this file>):
// on SIGUSR2 it writes the daemon's own memory figures to the file named by
// KIOSK_SOAK_PROBE_OUT, after a full GC when node runs with --expose-gc. RSS
// alone cannot say where memory goes; the JS heap, external and array-buffer
// figures can only be read from inside the process.
import { writeFileSync } from 'node:fs';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

const out = process.env.KIOSK_SOAK_PROBE_OUT;
/** Set to a directory to also write a heap snapshot at every probe (to compare what the heap holds between two points). */
const snapshots = process.env.KIOSK_SOAK_HEAPSNAPSHOT_DIR;
/**
 * The daemon's own garbage collections since the last probe, by kind: how many
 * and how long the main thread stood still for them (a 'gc' entry spans V8's
 * pause, not the incremental marking done beside the event loop). The probe's
 * forced GC is left out: it is the soak's, not the daemon's.
 */
const KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};
let pauses = {};
function observeGc() {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) continue;
      const kind = KINDS[e.detail.kind] ?? String(e.detail.kind);
      pauses[kind] ??= { count: 0, ms: 0, maxMs: 0 };
      const p = pauses[kind];
      p.count++;
      p.ms += e.duration;
      p.maxMs = Math.max(p.maxMs, e.duration);
    }
  }).observe({ entryTypes: ['gc'] });
}

if (out) {
  let seq = 0;
  observeGc();
  process.on('SIGUSR2', () => {
    const gcPauses = pauses;
    pauses = {};
    if (typeof globalThis.gc === 'function') globalThis.gc();
    const resources = {};
    for (const r of process.getActiveResourcesInfo()) resources[r] = (resources[r] ?? 0) + 1;
    const spaces = {};
    for (const s of getHeapSpaceStatistics()) spaces[s.space_name] = { size: s.space_size, used: s.space_used_size };
    if (snapshots) writeHeapSnapshot(`${snapshots}/daemon-${seq + 1}.heapsnapshot`);
    writeFileSync(out, JSON.stringify({ seq: ++seq, at: Date.now(), memory: process.memoryUsage(), spaces, resources, gcPauses }));
  });
}
