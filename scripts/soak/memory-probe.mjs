// Preloaded into the daemon by the soak (NODE_OPTIONS=--import=<this file>):
// on SIGUSR2 it writes the daemon's own memory figures to the file named by
// KIOSK_SOAK_PROBE_OUT, after a full GC when node runs with --expose-gc. RSS
// alone cannot say where memory goes; the JS heap, external and array-buffer
// figures can only be read from inside the process.
import { writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

const out = process.env.KIOSK_SOAK_PROBE_OUT;
/** Set to a directory to also write a heap snapshot at every probe (to compare what the heap holds between two points). */
const snapshots = process.env.KIOSK_SOAK_HEAPSNAPSHOT_DIR;
if (out) {
  let seq = 0;
  process.on('SIGUSR2', () => {
    if (typeof globalThis.gc === 'function') globalThis.gc();
    const resources = {};
    for (const r of process.getActiveResourcesInfo()) resources[r] = (resources[r] ?? 0) + 1;
    const spaces = {};
    for (const s of getHeapSpaceStatistics()) spaces[s.space_name] = { size: s.space_size, used: s.space_used_size };
    if (snapshots) writeHeapSnapshot(`${snapshots}/daemon-${seq + 1}.heapsnapshot`);
    writeFileSync(out, JSON.stringify({ seq: ++seq, at: Date.now(), memory: process.memoryUsage(), spaces, resources }));
  });
}
