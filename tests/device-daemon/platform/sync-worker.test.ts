import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { storeCapabilities } from '../../../device-daemon/capabilities';
import { createMaintenanceCapability } from '../../../device-daemon/capabilities/maintenance';
import { createTechnicianCapability } from '../../../device-daemon/capabilities/technician';
import { systemClock } from '../../../device-daemon/clock';
import { hashPin } from '../../../device-daemon/config/pin-hash';
import { SyncWorker } from '../../../device-daemon/platform/sync-worker';
import type { Platform } from '../../../device-daemon/platform/types';
import type { Submission, SubmissionStore } from '../../../device-daemon/store/submissions';
import { formatCaseNumber } from '../../../contract/domain/case-number';
import { applicationArgs, manualClock, startHarness, testConfig, type Harness } from '../capabilities/harness';
import { ROOT } from '../../helpers/daemon';
import { PlatformServer } from '../../helpers/platform-server';
import { waitUntil } from '../../helpers/wait';

// The outbox → deliver → ack path in http mode: the real store, the real
// sync worker and HTTP client, and a real platform server.

const PIN = '86420135';
const running: Array<Harness | PlatformServer> = [];
afterEach(async () => {
  for (const x of running.splice(0).reverse()) await x.stop();
});

async function setup(opts: { down?: boolean; dir?: string; now?: () => number } = {}) {
  const server = await new PlatformServer().start();
  running.push(server);
  if (opts.down) await server.down();
  const { config, dir } = testConfig({ platform: { mode: 'http', baseUrl: server.baseUrl, timeoutMs: 1000, retry: { baseMs: 20, maxMs: 150 } } }, opts.dir);
  const h = startHarness({ config, dir, ...(opts.now ? { now: opts.now } : {}) });
  running.push(h);
  return { server, h };
}

// Two lanes of the outbox the submission API feeds (evaluations have their own capability and tests).
const kinds = ['complaint', 'callStaff'] as const;
function args(kind: (typeof kinds)[number], n: number) {
  const key = randomUUID();
  if (kind === 'complaint') return { kind, idempotencyKey: key, payload: { category: 'other', text: `complaint ${n}` } };
  return { kind, idempotencyKey: key, payload: { reason: 'help', note: `call ${n}` } };
}

/** A clock the test sets: frozen at an instant, or running on from it at real speed (the worker's backoff needs time to pass). */
function testClock(at: number) {
  let anchor = { at, real: Date.now() };
  let runs = false;
  return {
    now: () => (runs ? anchor.at + (Date.now() - anchor.real) : anchor.at),
    set(next: number, run: boolean) {
      anchor = { at: next, real: Date.now() };
      runs = run;
    },
  };
}

const until = async <T>(fn: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs = 8000): Promise<T> =>
  (
    await waitUntil(
      async () => {
        const v = await fn();
        return ok(v) ? { v } : undefined;
      },
      { timeoutMs, intervalMs: 25 },
    )
  ).v;

describe('sync worker (http platform)', () => {
  it('platform down for the whole run, then up: the queue drains in order per kind, each exactly once', async () => {
    // All 30 are accepted at the same instant T, then time runs on.
    const T = Date.parse('2025-06-02T09:00:00+08:00');
    const clock = testClock(T);
    const { server, h } = await setup({ down: true, now: clock.now });
    const accepted: Record<string, string[]> = { complaint: [], callStaff: [] };
    for (let i = 0; i < 30; i++) {
      const kind = kinds[i % 2]!;
      const r = await h.call('submission.submit', args(kind, i));
      expect(r.ok).toBe(true);
      accepted[kind]!.push(r.result.caseNo);
    }
    clock.set(T, true);
    // Let several rounds of attempts fail against the closed port.
    const db = new Database(h.config.storage.path, { readonly: true });
    const failed = () => db.prepare<[], { n: number; heads: number }>("SELECT COUNT(*) AS n, COUNT(DISTINCT submission_id) AS heads FROM delivery_attempts WHERE outcome = 'retry'").get()!;
    const whileDown = await until(failed, (f) => f.n >= 9);
    // in order per kind: only each lane's head was tried while the platform was down
    expect(whileDown.heads).toBe(2);
    // 1 h 2 min 3.4 s after T the oldest waiting submission is 3723 s old (rounded)
    clock.set(T + 3_723_400, false);
    const down = (await h.call('outbox.status')).result;
    clock.set(T + 3_723_400, true);
    expect(down).toMatchObject({ total: 30, depth: { complaint: 15, callStaff: 15, application: 0 }, platform: { link: 'down' }, lastError: { code: 'ECONNREFUSED' } });
    expect(down.oldestAgeSec).toBe(3723);
    expect(h.health.outbox!()).toMatchObject({ total: 30, linkReason: expect.stringContaining('ECONNREFUSED') });

    await server.up();
    await until(
      () => h.call('outbox.status').then((r) => r.result),
      (s) => s.total === 0,
    );
    const delivered = server.bodies();
    expect(delivered).toHaveLength(30);
    for (const kind of kinds) expect(delivered.filter((b) => b.kind === kind).map((b) => b.caseNo)).toEqual(accepted[kind]);
    expect(new Set(server.order).size).toBe(30);
    // nothing was deleted
    expect(db.prepare("SELECT COUNT(*) AS n FROM submissions WHERE state = 'delivered'").get()).toEqual({ n: 30 });
    db.close();
    const last = h.events.filter((e) => e.name === 'outbox.status').at(-1)!.data;
    expect(last).toMatchObject({ total: 0, platform: { link: 'up' } });
  });

  it('survives a restart with a full queue', async () => {
    const { server, h } = await setup({ down: true });
    const nos = [];
    for (let i = 0; i < 6; i++) nos.push((await h.call('submission.submit', args('complaint', i))).result.caseNo);
    await h.stop();
    running.splice(running.indexOf(h), 1);
    await server.up();
    const h2 = startHarness({ config: h.config, dir: h.dir });
    running.push(h2);
    await until(
      () => h2.call('outbox.status').then((r) => r.result),
      (s) => s.total === 0,
    );
    expect(server.bodies().map((b) => b.caseNo)).toEqual(nos);
  });

  it('a refused submission is parked as rejected and does not block the lane; progress says so', async () => {
    const { server, h } = await setup();
    server.queue.push({ kind: 'status', status: 422, code: 'VALIDATION_FAILED' });
    const first = (await h.call('submission.submit', args('complaint', 1))).result.caseNo;
    const second = (await h.call('submission.submit', args('complaint', 2))).result.caseNo;
    const s = await until(
      () => h.call('outbox.status').then((r) => r.result),
      (x) => x.total === 0,
    );
    expect(s).toMatchObject({ parked: { rejected: 1, needsStaff: 0 }, lastError: { caseNo: first, code: 'VALIDATION_FAILED' } });
    expect(server.bodies().map((b) => b.caseNo)).toEqual([second]);
    const p = (await h.call('case.progress', { caseNo: first })).result.cases[0];
    expect(p).toMatchObject({ status: 'rejected' });
    expect(p.timeline.at(-1)).toMatchObject({ status: 'rejected', zh: '未通过', note: expect.stringContaining('422') });
  });

  it('an idempotency conflict needs staff; a hang, a 500 and a drop after commit are retried and end delivered once', async () => {
    const { server, h } = await setup();
    server.queue.push({ kind: 'status', status: 409, code: 'IDEMPOTENCY_CONFLICT' });
    const parked = (await h.call('submission.submit', args('callStaff', 0))).result.caseNo;
    await until(
      () => h.call('outbox.status').then((r) => r.result),
      (x) => x.parked.needsStaff === 1,
    );
    server.queue.push({ kind: 'hang' }, { kind: 'status', status: 500 }, { kind: 'dropAfterCommit' });
    const key = randomUUID();
    const caseNo = (await h.call('submission.submit', { ...args('complaint', 1), idempotencyKey: key })).result.caseNo;
    await until(
      () => h.call('outbox.status').then((r) => r.result),
      (x) => x.total === 0,
      10_000,
    );
    expect(server.committed.get(key)).toMatchObject({ replays: 1, body: { caseNo } });
    expect(server.order.filter((k) => k === key)).toHaveLength(1);
    const progress = (await h.call('case.progress', { caseNo: parked })).result.cases[0];
    expect(progress.status).toBe('needsStaff');
  });

  it('progress and records in http mode come from the platform; an unreachable platform is platformUnavailable', async () => {
    const { server, h } = await setup();
    h.identity = { kind: 'resident', name: '石磊', idNumber: '410403199011020030' };
    const { caseNo } = (await h.call('submission.submit', applicationArgs({ payload: { ...applicationArgs().payload, delivery: { method: 'electronic' }, assisted: true } }))).result;
    await until(
      () => h.call('outbox.status').then((r) => r.result),
      (x) => x.total === 0,
    );
    expect(server.bodies()[0]).toMatchObject({ caseNo, applicant: { idNumber: '410403199011020030', name: '石磊' }, channel: 5 });
    expect((await h.call('case.progress', { byCard: true })).result.cases.map((c: any) => c.caseNo)).toEqual([caseNo]);
    expect((await h.call('records.query', { recordType: 'pension' })).error?.code).toBe('notFound');
    await server.down();
    // the terminal still knows its own delivered case
    expect((await h.call('case.progress', { caseNo })).result.cases[0]).toMatchObject({ status: 'received' });
    const foreign = formatCaseNumber({ terminalId: 'WD0009', date: '20250601', seq: 1 });
    expect((await h.call('case.progress', { caseNo: foreign })).error?.code).toBe('platformUnavailable');
    expect((await h.call('records.query', { recordType: 'pension' })).error?.code).toBe('platformUnavailable');
  });
});

describe('sync worker, empty lane', () => {
  it('looks at the queue again after 30 s without being woken: a row another process made due (kioskctl outbox retry) is sent', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let waiting: Submission | undefined;
      const delivered: string[] = [];
      const row = { caseNo: 'WD-TEST-1', kind: 'complaint', nextAttemptAt: 0, attempts: 0, payload: { applicant: null, data: {} }, acceptedAt: 0 } as unknown as Submission;
      const store = {
        head: (kind: string) => (kind === 'complaint' ? waiting : undefined),
        markDelivered: (s: Submission) => {
          delivered.push(s.caseNo);
          waiting = undefined;
        },
      } as unknown as SubmissionStore;
      const platform = { deliver: async () => ({ platformRef: 'P-1', duplicate: false }) } as unknown as Platform;
      const log = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
      const worker = new SyncWorker(
        { store, platform, terminalId: 'WD0001', log, backoff: { baseMs: 10, maxMs: 10 }, onChange: () => {}, clock: { now: () => 0, after: systemClock.after } },
        () => '',
      );
      worker.start();
      await vi.advanceTimersByTimeAsync(1000);
      waiting = row; // changed on the file behind the worker's back: nobody kicks it
      await vi.advanceTimersByTimeAsync(28_000);
      expect(delivered).toEqual([]);
      await vi.advanceTimersByTimeAsync(2000);
      expect(delivered).toEqual(['WD-TEST-1']);
      await worker.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('sync worker, woken by a re-queue', () => {
  it('a parked case re-queued from the maintenance screen or kioskctl is sent at once, on a clock that does not move; a head in its backoff waits on', async () => {
    const server = await new PlatformServer().start();
    running.push(server);
    const { config, dir } = testConfig({ platform: { mode: 'http', baseUrl: server.baseUrl, timeoutMs: 1000, retry: { baseMs: 60_000, maxMs: 60_000 } }, technician: { pinHash: hashPin(PIN) } });
    const configPath = join(dir, 'kiosk.config.json');
    copyFileSync(join(ROOT, 'kiosk.config.json'), configPath);
    // Every wait of the lanes (the idle look, the backoff) is on this clock, and it is never advanced.
    const clock = manualClock(Date.UTC(2026, 10, 30, 2, 0));
    const h = startHarness({
      config,
      dir,
      clock,
      capabilities: (ctx) => {
        const technician = createTechnicianCapability(ctx);
        const maintenance = createMaintenanceCapability(ctx, { auth: technician.auth, wipe: { wipe: () => [] }, configPath });
        return [technician, ...storeCapabilities(ctx, { auth: technician.auth }), maintenance];
      },
    });
    running.push(h);
    const status = () => h.call('outbox.status').then((r) => r.result);
    const parkedOne = async () => {
      server.queue.push({ kind: 'status', status: 422, code: 'VALIDATION_FAILED' });
      const caseNo = (await h.call('submission.submit', args('complaint', 1))).result.caseNo as string;
      await until(status, (s) => s.parked.rejected === 1);
      return caseNo;
    };
    const sent = (caseNo: string) =>
      until(
        () => server.bodies().filter((b) => b.caseNo === caseNo).length,
        (n) => n > 0,
      );

    // Another lane's head failed once and waits out a backoff of a minute.
    server.queue.push({ kind: 'status', status: 500 });
    const waiting = (await h.call('submission.submit', args('callStaff', 2))).result.caseNo;
    await until(status, (s) => s.lastError?.caseNo === waiting);
    const tries = () => server.requests.filter((r) => r.method === 'POST').length;

    const fromScreen = await parkedOne();
    const { token } = (await h.call('maintenance.enter', { pin: PIN })).result;
    const before = tries();
    expect((await h.call('maintenance.requeue', { token, caseNo: fromScreen })).result).toEqual({ requeued: true });
    await sent(fromScreen);
    // One request for the re-queued case, none for the head in its backoff (woken too, it naps again).
    expect(tries()).toBe(before + 1);
    await h.call('maintenance.leave', { token });

    const fromCli = await parkedOne();
    expect((await h.call('outbox.requeue', { pin: PIN, caseNo: fromCli })).result).toEqual({ requeued: [fromCli] });
    await sent(fromCli);
    expect(server.bodies().map((b) => b.caseNo)).toEqual([fromScreen, fromCli]);
    expect(await status()).toMatchObject({ total: 1, depth: { callStaff: 1 }, parked: { rejected: 0 } });
  });
});
