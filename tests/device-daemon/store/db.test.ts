import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { call, spawnDaemon, type SpawnedDaemon } from '../../helpers/daemon';
import { openStoreFile } from '../../../device-daemon/store/db';
import { waitUntil } from '../../helpers/wait';

// A store file that cannot be trusted at start: the real daemon says so,
// keeps the file untouched, refuses submissions, and serves everything else.

const daemons: SpawnedDaemon[] = [];
afterEach(async () => {
  for (const d of daemons.splice(0)) await d.stop();
});

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const submitArgs = () => ({ kind: 'callStaff', idempotencyKey: randomUUID(), payload: { reason: 'help' } });

async function health(d: SpawnedDaemon): Promise<any> {
  return (await fetch(`${d.url}health`)).json();
}

/** A real store file with some rows, closed cleanly (WAL checkpointed into the main file). */
function realStore(dir: string): string {
  const file = join(dir, 'kiosk.db');
  const r = openStoreFile(file);
  if (!r.ok) throw new Error(r.message);
  const ins = r.db.prepare('INSERT INTO audit (at, action, detail) VALUES (?, ?, ?)');
  for (let i = 0; i < 2000; i++) ins.run(Date.now(), 'filler', JSON.stringify({ i, pad: 'x'.repeat(200) }));
  r.db.close();
  return file;
}

async function expectRefusesButServes(d: SpawnedDaemon, problem: string) {
  const ws = await d.connect();
  const submit = await call(ws, 'submission.submit', submitArgs());
  expect(submit).toMatchObject({ ok: false, error: { code: 'storeUnavailable', message: expect.stringContaining(problem) } });
  expect((await call(ws, 'outbox.status')).result).toMatchObject({ store: 'unavailable', total: 0 });
  expect(await call(ws, 'system.ping')).toMatchObject({ ok: true });
  expect((await call(ws, 'system.status')).ok).toBe(true);
  ws.close();
}

describe('store file unusable at start (real daemon)', () => {
  it('a file that is not a database: clear message, file untouched, submissions refused, the rest serves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-corrupt-'));
    const file = join(dir, 'kiosk.db');
    writeFileSync(file, Buffer.alloc(64 * 1024, 'this is not an SQLite file '));
    const before = sha(file);
    const d = await spawnDaemon({ dataDir: dir });
    daemons.push(d);
    expect(d.stderr()).toMatch(/STORE UNAVAILABLE: store .*kiosk\.db is unusable \(corrupt\)/);
    expect(d.stderr()).toContain('left in place, untouched');
    expect((await health(d)).store).toMatchObject({ state: 'unavailable', problem: 'corrupt', file });
    await expectRefusesButServes(d, 'corrupt');
    await d.stop();
    expect(sha(file)).toBe(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('kiosk.db'))).toEqual(['kiosk.db']);
    expect(readFileSync(join(dir, 'log', 'daemon.log'), 'utf8')).toContain('unusable (corrupt)');
  });

  it('a database with damaged pages: found by the integrity check at start, file untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-corrupt-'));
    const file = realStore(dir);
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    for (let off = 8192; off < size - 4096; off += 16384) writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, off + 100);
    closeSync(fd);
    const before = sha(file);
    const d = await spawnDaemon({ dataDir: dir });
    daemons.push(d);
    expect((await health(d)).store).toMatchObject({ state: 'unavailable', problem: 'corrupt' });
    await expectRefusesButServes(d, 'corrupt');
    await d.stop();
    expect(sha(file)).toBe(before);
  });

  it('a database locked by another process: refused while locked, taken up once the lock is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-locked-'));
    const file = realStore(dir);
    const holder = new Database(file);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const d = await spawnDaemon({ dataDir: dir });
      daemons.push(d);
      expect(d.stderr()).toMatch(/STORE UNAVAILABLE: .* \(locked\): the file is locked by another process/);
      expect((await health(d)).store).toMatchObject({ state: 'unavailable', problem: 'locked' });
      await expectRefusesButServes(d, 'locked');
      holder.exec('ROLLBACK');
      // the daemon retries every 5 s
      await waitUntil(async () => (await health(d)).store.state === 'ok', { timeoutMs: 12_000, intervalMs: 200, what: 'the store taken up after the lock was released' });
      const ws = await d.connect();
      expect(await call(ws, 'submission.submit', submitArgs())).toMatchObject({ ok: true, result: { duplicate: false } });
      ws.close();
    } finally {
      holder.close();
    }
  }, 30_000);

  it('a database written by a newer schema is refused, not misread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-newer-'));
    const file = realStore(dir);
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    const before = sha(file);
    const d = await spawnDaemon({ dataDir: dir });
    daemons.push(d);
    expect((await health(d)).store).toMatchObject({ state: 'unavailable', problem: 'newerSchema' });
    await d.stop();
    expect(sha(file)).toBe(before);
  });
});

// The store holds personal data until retention purges it: nobody but the daemon's user reads it.
describe('store file modes', () => {
  it('a new data dir is created 0700 and the database, WAL and shm 0600; an existing world-readable file is made 0600', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kiosk-modes-')), 'data');
    const file = join(dir, 'kiosk.db');
    const modeOf = (f: string) => statSync(f).mode & 0o777;
    const r = openStoreFile(file);
    if (!r.ok) throw new Error(r.message);
    r.db.prepare('INSERT INTO audit (at, action, detail) VALUES (?, ?, ?)').run(Date.now(), 'probe', '{}');
    expect(modeOf(dir)).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
    r.db.close();
    chmodSync(file, 0o644);
    const again = openStoreFile(file);
    if (!again.ok) throw new Error(again.message);
    again.db.close();
    expect(modeOf(file)).toBe(0o600);
  });
});
