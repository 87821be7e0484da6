import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCountersAuditCapability } from '../../../device-daemon/capabilities/counters-audit';
import { createSubmissionsCapability } from '../../../device-daemon/capabilities/submissions';
import { hashPin } from '../../../device-daemon/config/pin-hash';
import { call, spawnDaemon, type SpawnedDaemon, writeTestConfig } from '../../helpers/daemon';
import { kioskctlWithInput } from '../../helpers/kioskctl';
import { PlatformServer } from '../../helpers/platform-server';
import { waitUntil } from '../../helpers/wait';
import { applicationArgs, person, startHarness, testConfig, type Harness } from '../capabilities/harness';

// kioskctl outbox retry on the store file while its owner has it open. The
// owner here takes submissions but runs no sync worker, so what is parked
// stays parked until the CLI moves it.

const PIN = '36925814';
const dir = mkdtempSync(join(tmpdir(), 'kiosk-cli-retry-'));
const db = join(dir, 'kiosk.db');
// Port 9 (discard): no daemon answers there.
const config = writeTestConfig(dir, { technician: { pinHash: hashPin(PIN) }, storage: { path: db }, logging: { dir: join(dir, 'log') }, server: { port: 9 } });
let h: Harness;
const parked: string[] = [];

beforeAll(async () => {
  // Three applications by one resident for one item, parked: the open-duplicate check is not what this file tries.
  h = startHarness({
    ...testConfig({ storage: { path: db, retentionDays: 30 }, applications: { refuseOpenDuplicates: false } }, dir),
    dir,
    capabilities: (c) => [createCountersAuditCapability(c), createSubmissionsCapability(c)],
  });
  h.identity = person('resident-valid');
  for (const outcome of ['giveUp', 'needsStaff', 'giveUp'] as const) {
    const r = await h.call('submission.submit', applicationArgs({ idempotencyKey: randomUUID() }));
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    const subs = h.store.current()!.store.submissions;
    const s = subs.findByCaseNo(r.result.caseNo)!;
    subs.markFailed(s, { at: Date.now(), durationMs: 1, outcome, code: 'refused', message: 'refused by the platform' });
    parked.push(s.caseNo);
  }
});
afterAll(async () => {
  await h.stop();
  rmSync(dir, { recursive: true, force: true });
});

const state = (caseNo: string) => h.store.current()!.store.submissions.findByCaseNo(caseNo)!.state;
const retry = (args: string[], pin = PIN) => kioskctlWithInput(['outbox', 'retry', ...args, '--config', config, '--json'], `${pin}\n`);

describe('kioskctl outbox retry (store open by its owner meanwhile)', () => {
  it('one case by number, then every parked one; audited; exit 2 when nothing is parked; exit 4 without the PIN', async () => {
    const refused = await retry([parked[0]!], '00000000');
    expect(refused.code).toBe(4);
    expect(state(parked[0]!)).toBe('rejected');

    const one = await retry([parked[0]!]);
    expect(one.code, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual({ requeued: [parked[0]], daemonRunning: false, via: 'storeFile' });
    expect(state(parked[0]!)).toBe('pending');
    expect(state(parked[1]!)).toBe('needsStaff');

    const all = await retry(['--all-parked']);
    expect(all.code, all.stderr).toBe(0);
    expect(JSON.parse(all.stdout).requeued).toEqual(parked.slice(1));
    expect(parked.map(state)).toEqual(['pending', 'pending', 'pending']);
    expect(
      h.store
        .current()!
        .store.audit.list(10)
        .filter((e) => e.action === 'submission.requeued'),
    ).toHaveLength(3);

    const none = await retry(['--all-parked']);
    expect(none.code).toBe(2);
    expect(JSON.parse(none.stdout).requeued).toEqual([]);
  }, 60_000);
});

// With a daemon running, the CLI asks it (outbox.requeue): the daemon checks
// the PIN and wakes its sync worker, so the case goes out at once instead of
// at the worker's next idle look. The platform refuses the complaint for good
// (VALIDATION_FAILED: rejected), then is told to take it.
describe('kioskctl outbox retry (through the running daemon)', () => {
  let platform: PlatformServer;
  let d: SpawnedDaemon;
  beforeAll(async () => {
    platform = await new PlatformServer().start();
    platform.always = { kind: 'status', status: 422, code: 'VALIDATION_FAILED' };
    d = await spawnDaemon({
      config: { technician: { pinHash: hashPin(PIN) }, platform: { mode: 'http', baseUrl: platform.baseUrl, timeoutMs: 2000, retry: { baseMs: 20, maxMs: 200 } } },
    });
  });
  afterAll(async () => {
    await d?.stop();
    await platform?.stop();
  });

  it('the daemon re-queues (PIN checked there, audited) and sends the case at once; exit 4 on a wrong PIN', async () => {
    const ws = await d.connect();
    const filed = await call(ws, 'submission.submit', { kind: 'complaint', idempotencyKey: randomUUID(), payload: { category: 'other', text: '自助终端测试投诉' } });
    ws.close();
    expect(filed.ok, JSON.stringify(filed.error)).toBe(true);
    const health = async () => (await (await fetch(`${d.url}health`)).json()) as { outbox: { parked: { rejected: number }; total: number } };
    await waitUntil(async () => (await health()).outbox.parked.rejected === 1, { timeoutMs: 15_000, what: 'the complaint parked as rejected' });
    platform.always = { kind: 'ok' };
    const viaDaemon = (pin: string) => kioskctlWithInput(['outbox', 'retry', filed.result.caseNo, '--config', d.configPath, '--port', String(d.port), '--json'], `${pin}\n`);

    const refused = await viaDaemon('00000000');
    expect(refused.code, refused.stderr).toBe(4);
    expect(JSON.parse(refused.stderr.trim().split('\n').at(-1)!).error.kind).toBe('pinInvalid');
    expect((await health()).outbox.parked.rejected).toBe(1);

    const done = await viaDaemon(PIN);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({ requeued: [filed.result.caseNo], daemonRunning: true, via: 'daemon' });
    // Woken, not waiting out the worker's 30 s idle look.
    await waitUntil(() => platform.committed.size === 1, { timeoutMs: 10_000, what: 'the re-queued complaint delivered' });
    // Read-only commands beside the daemon read its own store (named by its /health, here under --data-dir) and say so.
    const listed = await kioskctlWithInput(['outbox', 'list', '--config', d.configPath, '--port', String(d.port), '--json'], '');
    expect(JSON.parse(listed.stdout).map((x: { caseNo: string }) => x.caseNo)).toEqual([filed.result.caseNo]);
    expect(listed.stderr).toContain(`(read from the store file ${join(d.dataDir, 'kiosk.db')} directly, read-only; beside the running daemon`);
    const log = await waitUntil(
      () => {
        const text = readFileSync(join(d.dataDir, 'log', 'daemon.log'), 'utf8');
        return text.includes('parked submissions re-queued by a technician') && text;
      },
      { what: 'the daemon to log the re-queue' },
    );
    expect(log).toMatch(/"action":"outbox retry".*"outcome":"pinInvalid"|"outcome":"pinInvalid".*"action":"outbox retry"/);
  }, 60_000);
});
