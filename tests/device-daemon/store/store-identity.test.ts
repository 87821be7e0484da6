import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, spawnDaemon, type SpawnedDaemon } from '../../helpers/daemon';
import { kioskctl } from '../../helpers/kioskctl';

// A store that existed must never be replaced by a new, empty one without a
// technician saying so: the day's case numbers would be issued again. The
// marker beside the database remembers the store and its sequences.

const daemons: SpawnedDaemon[] = [];
afterEach(async () => {
  for (const d of daemons.splice(0)) await d.stop();
});

const callStaff = () => ({ kind: 'callStaff', idempotencyKey: randomUUID(), payload: { reason: 'help' } });

async function start(dir: string): Promise<SpawnedDaemon> {
  const d = await spawnDaemon({ dataDir: dir });
  daemons.push(d);
  return d;
}

async function health(d: SpawnedDaemon): Promise<any> {
  return (await fetch(`${d.url}health`)).json();
}

/** Submit n call-staff requests; their case numbers. */
async function submit(d: SpawnedDaemon, n: number): Promise<string[]> {
  const ws = await d.connect();
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await call(ws, 'submission.submit', callStaff());
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    out.push(r.result.caseNo);
  }
  ws.close();
  return out;
}

const seqOf = (caseNo: string) => Number(/^[A-Z0-9]+-\d{8}-(\d{5})-/.exec(caseNo)![1]);

/**
 * A store used once: three case numbers issued, daemon stopped. Made by the daemon once per file; each test
 * gets its own copy of the stopped daemon's data dir (the same bytes a daemon of its own would have left).
 */
let usedOnce: Promise<{ dir: string; issued: string[] }> | undefined;
async function usedStore(): Promise<{ dir: string; db: string; issued: string[] }> {
  usedOnce ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-identity-'));
    const d = await start(dir);
    const issued = await submit(d, 3);
    await d.stop();
    return { dir, issued };
  })();
  const used = await usedOnce;
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-identity-'));
  cpSync(used.dir, dir, { recursive: true });
  return { dir, db: join(dir, 'kiosk.db'), issued: used.issued };
}

async function expectRefused(d: SpawnedDaemon, problem: string): Promise<void> {
  const h = await health(d);
  expect(h.status).toBe('degraded');
  expect(h.store).toMatchObject({ state: 'unavailable', accepting: false, problem });
  expect(h.store.reason).toContain('kioskctl store init --i-understand-data-loss');
  expect(d.stderr()).toMatch(new RegExp(`STORE UNAVAILABLE: .*\\(${problem}\\)`));
  const ws = await d.connect();
  expect(await call(ws, 'submission.submit', callStaff())).toMatchObject({ ok: false, error: { code: 'storeUnavailable' } });
  expect((await call(ws, 'system.status')).result.store).toMatchObject({ state: 'unavailable', accepting: false, problem });
  ws.close();
  const status = await kioskctl('status', '-c', d.configPath, '--port', String(d.port));
  expect(status.code, status.stdout + status.stderr).toBe(3);
  expect(status.stdout).toContain(`store unavailable (${problem})`);
}

describe('the store and its marker (real daemon)', () => {
  it('the first start ever creates the store and its marker, owner-only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-identity-'));
    const d = await start(dir);
    expect((await health(d)).store).toMatchObject({ state: 'ok', accepting: true });
    const marker = JSON.parse(readFileSync(join(dir, 'kiosk.db.marker.json'), 'utf8'));
    expect(marker).toMatchObject({ version: 1, storeId: expect.any(String) });
    const [caseNo] = await submit(d, 1);
    const day = /-(\d{8})-/.exec(caseNo!)![1]!;
    // reserved ahead of what was issued: a new store continues after it
    expect(JSON.parse(readFileSync(join(dir, 'kiosk.db.marker.json'), 'utf8')).reserved[day]).toBeGreaterThanOrEqual(seqOf(caseNo!));
    for (const f of ['kiosk.db', 'kiosk.db-wal', 'kiosk.db-shm', 'kiosk.db.marker.json']) expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
  });

  it('a database deleted while the daemon was stopped: refused, not replaced, no case number reissued', async () => {
    const { dir, db } = await usedStore();
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
    const d = await start(dir);
    await expectRefused(d, 'missing');
    expect(existsSync(db)).toBe(false);
  });

  it('a database truncated to 0 bytes while stopped: refused, the file left as it is', async () => {
    const { dir, db } = await usedStore();
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    truncateSync(db, 0);
    const d = await start(dir);
    await expectRefused(d, 'empty');
    expect(statSync(db).size).toBe(0);
  });

  it("kioskctl store init starts a new store only when told, and its case numbers never collide with the old day's", async () => {
    const { dir, db, issued } = await usedStore();
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
    const refused = await kioskctl('store', 'init', '--db', db);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--i-understand-data-loss');
    expect(existsSync(db)).toBe(false);
    const init = await kioskctl('store', 'init', '--db', db, '--i-understand-data-loss');
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('case numbers continue');
    const d = await start(dir);
    expect((await health(d)).store).toMatchObject({ state: 'ok', accepting: true });
    const fresh = await submit(d, 3);
    for (const c of fresh) expect(issued).not.toContain(c);
    expect(Math.min(...fresh.map(seqOf))).toBeGreaterThan(Math.max(...issued.map(seqOf)));
    // a second init over a live store is refused: the file is never overwritten
    await d.stop();
    const again = await kioskctl('store', 'init', '--db', db, '--i-understand-data-loss');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('holds a store');
  });
});
