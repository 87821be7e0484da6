import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { OfflineQueue } from '../../../device-daemon/fleet/offline-queue';
import { openStoreFile } from '../../../device-daemon/store/db';

// The daemon's SQLite connections keep a bounded page cache. better-sqlite3's
// build lets each connection cache 16 MB of pages, malloc'd on the main
// thread's heap: opening a grown store (its quick_check reads every page) held
// the whole file in the daemon's memory. Measured here as the growth of this
// process's [heap] mapping (glibc's main arena) across a synchronous open.

const dir = mkdtempSync(join(tmpdir(), 'kiosk-page-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MB = 1024 * 1024;

/** Resident bytes of the brk heap, where SQLite's page cache lives (allocations of a page are below glibc's mmap threshold). */
function brkHeapRss(): number {
  const block = readFileSync('/proc/self/smaps', 'utf8')
    .split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/)
    .find((b) => /\[heap\]/.test(b.split('\n')[0]!));
  return block ? Number(/\nRss:\s+(\d+) kB/.exec(block)![1]) * 1024 : 0;
}

/** A ~12 MB SQLite file of `table`, written by a connection closed before the measurement. */
function fill(file: string, create: string, insert: string, row: (i: number) => unknown[]): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(create);
  const ins = db.prepare(insert);
  db.transaction(() => {
    for (let i = 0; i < 36_000; i++) ins.run(...row(i));
  })();
  db.close();
  expect(statSync(file).size).toBeGreaterThan(11 * MB);
}

describe('SQLite page cache', () => {
  it('opening a 12 MB store (integrity check included) grows the heap by at most a few MB, not by the file', () => {
    const file = join(dir, 'kiosk.db');
    const made = openStoreFile(file);
    if (!made.ok) throw new Error(made.message);
    made.db.close();
    fill(file, 'SELECT 1', 'INSERT INTO audit (at, action, detail) VALUES (?, ?, ?)', (i) => [i, 'filler', 'x'.repeat(300)]);

    const before = brkHeapRss();
    const r = openStoreFile(file);
    if (!r.ok) throw new Error(r.message);
    const grown = brkHeapRss() - before;
    r.db.close();
    expect(grown).toBeLessThan(5 * MB);
  });

  it('the fleet link offline queue: the same bound on a 12 MB queue read through', () => {
    const file = join(dir, 'fleet-queue.db');
    fill(file, 'CREATE TABLE outgoing (id INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL, payload TEXT NOT NULL)', 'INSERT INTO outgoing (topic, payload) VALUES (?, ?)', (i) => [
      't',
      `${i}${'x'.repeat(300)}`,
    ]);

    const before = brkHeapRss();
    const q = new OfflineQueue(file, 100_000);
    let n = 0;
    for (let seen = q.peek(1000); seen.length; seen = q.peek(1000)) {
      n += seen.length;
      for (const m of seen) q.remove(m.id);
    }
    const grown = brkHeapRss() - before;
    q.close();
    expect(n).toBe(36_000);
    expect(grown).toBeLessThan(5 * MB);
  });
});
