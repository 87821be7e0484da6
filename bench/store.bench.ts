import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDigit } from '../device-daemon/devices/id-card/codec/id-number';
import { openStoreFile } from '../device-daemon/store/db';
import { KioskStore } from '../device-daemon/store/store';
import { applicationArgs, startHarness, testConfig } from '../tests/device-daemon/capabilities/harness';

// Submissions committed per second and commit latency on this machine, with
// the production settings (WAL, synchronous=FULL: every commit is fsynced).
// (1) the outbox commit alone (case number + row + audit + counter in one
// transaction); (2) the whole submission.submit command through the router
// (contract check, hashing, calendar, commit), with the embedded platform's
// sync worker delivering at the same time, as on a terminal.

const N = 1000;

/** Born 1958-03-12 in 410403, sequence i, with its valid check character (an invented person). */
function syntheticIdNumber(i: number): string {
  const first17 = `41040319580312${String(i % 1000).padStart(3, '0')}`;
  return first17 + checkDigit(first17)!;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function report(label: string, lat: number[], wallMs: number): void {
  const s = [...lat].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(2);
  process.stdout.write(
    `${label}: ${s.length} commits in ${f(wallMs)} ms = ${Math.round((s.length / wallMs) * 1000)}/s; ` +
      `latency p50 ${f(pct(s, 50))} ms, p95 ${f(pct(s, 95))} ms, p99 ${f(pct(s, 99))} ms, max ${f(s.at(-1)!)} ms ` +
      `(target p95 ≤ 5 ms: ${pct(s, 95) <= 5 ? 'met' : 'NOT met'})\n`,
  );
}

async function commitOnly(dir: string, synchronous: 'FULL' | 'NORMAL'): Promise<void> {
  const r = openStoreFile(join(dir, `commit-${synchronous}.db`));
  if (!r.ok) throw new Error(r.message);
  r.db.pragma(`synchronous = ${synchronous}`);
  const store = new KioskStore(r.db);
  const lat: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    store.submissions.accept({
      terminalId: 'WD0001',
      kind: 'complaint',
      idempotencyKey: randomUUID(),
      requestHash: 'h',
      itemCode: null,
      payload: { applicant: null, data: { category: 'other', text: `bench ${i}`, pad: 'x'.repeat(400) } },
      promised: { date: '2025-07-01', provisional: false },
      acceptedAt: Date.now(),
    });
    lat.push(performance.now() - t);
  }
  report(`outbox commit (accept), synchronous=${synchronous}${synchronous === 'FULL' ? ' (production)' : ' (reference only: no fsync per commit)'}`, lat, performance.now() - t0);
  store.close();
}

async function throughCommand(dir: string): Promise<void> {
  const { config } = testConfig({}, dir);
  // The store-side capabilities as the daemon composes them; the applicant is a synthetic person.
  const h = startHarness({ config, dir });
  const lat: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    // 城乡居民基本养老保险参保登记 (5 working days): checked against the shipped catalog like a real one.
    // A different synthetic resident each time: one person's open application for an item refuses a second (duplicateOpen).
    h.identity = { kind: 'resident', name: '林晓禾', idNumber: syntheticIdNumber(i) };
    const args = applicationArgs();
    const t = performance.now();
    const c = await h.router.dispatch(JSON.stringify({ kind: 'command', id: `b${i}`, name: 'submission.submit', args }), { connId: 1 });
    lat.push(performance.now() - t);
    if (!c.ok) throw new Error(JSON.stringify(c.error));
    // let the sync worker deliver in between, as it would on a terminal
    if (i % 10 === 0) await new Promise((r) => setImmediate(r));
  }
  report('submission.submit command (embedded, worker delivering)', lat, performance.now() - t0);
  await h.stop();
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
  try {
    await commitOnly(dir, 'FULL');
    await commitOnly(dir, 'NORMAL');
    await throughCommand(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
