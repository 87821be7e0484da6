import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { call, nextEvent, spawnDaemon, type SpawnedDaemon } from '../../helpers/daemon';
import { kioskctl } from '../../helpers/kioskctl';
import { mountSmallFs, type SmallFs, smallFsUnavailable } from '../../helpers/small-fs';
import { waitUntil } from '../../helpers/wait';

// A store that cannot take submissions is visible wherever a technician or
// the page looks: /health (status and its store section), kioskctl status
// (exit code), system.status and the store.status event — at start (corrupt)
// and at run time (read-only, full), and it recovers by itself.

const daemons: SpawnedDaemon[] = [];
const mounts: SmallFs[] = [];
afterEach(async () => {
  for (const d of daemons.splice(0)) await d.stop();
  for (const m of mounts.splice(0)) m.dispose();
});

const callStaff = () => ({ kind: 'callStaff', idempotencyKey: randomUUID(), payload: { reason: 'help' } });
const health = async (d: SpawnedDaemon): Promise<any> => (await fetch(`${d.url}health`)).json();
const status = (d: SpawnedDaemon) => kioskctl('status', '-c', d.configPath, '--port', String(d.port));

async function start(dir: string, configPath?: string): Promise<SpawnedDaemon> {
  const d = await spawnDaemon({ dataDir: dir, configPath });
  daemons.push(d);
  return d;
}

/** Everything a technician and the page see while the store cannot take submissions. */
async function expectNotAccepting(d: SpawnedDaemon, ws: WebSocket, state: string, problem: string): Promise<void> {
  const h = await health(d);
  expect(h.status).toBe('degraded');
  expect(h.store).toMatchObject({ state, accepting: false, problem });
  expect((await call(ws, 'system.status')).result.store).toMatchObject({ state, accepting: false, problem });
  const cli = await status(d);
  expect(cli.code, cli.stdout + cli.stderr).toBe(3);
  expect(cli.stdout).toContain('NOT accepting submissions');
  expect(cli.stdout).toContain(`store ${state} (${problem})`);
}

/** Submit until the store refuses (a full disk may still take a few into the WAL's free room); every answered one is kept. */
async function submitUntilRefused(ws: WebSocket, limit = 500): Promise<{ accepted: string[]; refusal: Record<string, any> }> {
  const accepted: string[] = [];
  for (let i = 0; i < limit; i++) {
    const r = await call(ws, 'submission.submit', callStaff());
    if (!r.ok) return { accepted, refusal: r };
    accepted.push(r.result.caseNo);
  }
  throw new Error(`the store took ${limit} submissions on a full disk`);
}

describe('store health (real daemon)', () => {
  it('a healthy store: /health ok, kioskctl status exits 0', async () => {
    const d = await start(mkdtempSync(join(tmpdir(), 'kiosk-health-')));
    expect(await health(d)).toMatchObject({ status: 'ok', store: { state: 'ok', accepting: true } });
    const cli = await status(d);
    expect(cli.code, cli.stdout).toBe(0);
    expect(cli.stdout).toContain('accepting submissions');
  });

  it('a corrupt database at start: /health degraded, kioskctl status exits 3 with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-health-'));
    writeFileSync(join(dir, 'kiosk.db'), Buffer.alloc(64 * 1024, 'this is not an SQLite file '));
    const d = await start(dir);
    const ws = await d.connect();
    await expectNotAccepting(d, ws, 'unavailable', 'corrupt');
    expect((await status(d)).stdout).toContain('left in place, untouched');
    ws.close();
  });
});

const noMount = smallFsUnavailable();

/** The config file copied out of a directory about to become read-only; the copy's directory. */
function writableCopy(configPath: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
  copyFileSync(configPath, join(dir, 'kiosk.config.json'));
  return dir;
}

describe.skipIf(noMount)(`store failures at run time, on a small tmpfs${noMount ? `: skipped, ${noMount}` : ''}`, () => {
  it('read-only (the file system mounted read-only): refused with the reason, lookups answered, writable again → taken up by itself', async () => {
    const fs = mountSmallFs(32 * 1024) as SmallFs;
    mounts.push(fs);
    const first = await start(fs.dir);
    let ws = await first.connect();
    const caseNo = (await call(ws, 'submission.submit', callStaff())).result.caseNo as string;
    ws.close();
    await first.stop();
    fs.readOnly();
    // the config stays where it was written; the data dir is read-only now
    const d = await start(fs.dir, first.configPath.replace(fs.dir, writableCopy(first.configPath)));
    ws = await d.connect();
    expect(await call(ws, 'submission.submit', callStaff())).toMatchObject({ ok: false, error: { code: 'storeUnavailable', message: expect.stringContaining('readOnly') } });
    await expectNotAccepting(d, ws, 'unavailable', 'readOnly');
    const ok = nextEvent(ws, (e) => e.name === 'store.status' && e.data.state === 'ok', 15_000);
    fs.readWrite();
    expect((await ok).data).toMatchObject({ state: 'ok', accepting: true });
    expect(await call(ws, 'case.progress', { caseNo })).toMatchObject({ ok: true });
    expect(await call(ws, 'submission.submit', callStaff())).toMatchObject({ ok: true });
    ws.close();
  }, 40_000);

  it('full: submissions are refused once the disk is full, none answered is lost, and space freed → accepted again', async () => {
    const fs = mountSmallFs(32 * 1024) as SmallFs;
    mounts.push(fs);
    const d = await start(fs.dir);
    const ws = await d.connect();
    const before = (await call(ws, 'submission.submit', callStaff())).result.caseNo as string;
    fs.fill();
    const { accepted, refusal } = await submitUntilRefused(ws);
    expect(refusal).toMatchObject({ ok: false, error: { code: 'storeUnavailable' } });
    await waitUntil(async () => (await health(d)).store.problem === 'full', { what: 'store failing (full)' });
    await expectNotAccepting(d, ws, 'failing', 'full');
    fs.free();
    await waitUntil(async () => (await health(d)).store.state === 'ok', { what: 'store ok again', timeoutMs: 15_000 });
    const after = await call(ws, 'submission.submit', callStaff());
    expect(after).toMatchObject({ ok: true });
    ws.close();
    await d.stop();
    // every answered submission is in the file after a restart, once each
    const listed = await kioskctl('outbox', 'list', '--db', join(fs.dir, 'kiosk.db'), '--json', '-n', '1000');
    const cases = (JSON.parse(listed.stdout) as Array<{ caseNo: string }>).map((x) => x.caseNo);
    for (const c of [before, ...accepted, after.result.caseNo]) expect(cases.filter((x) => x === c)).toHaveLength(1);
  }, 60_000);
});
