import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { call, nextEvent, spawnDaemon, type SpawnedDaemon } from '../../../helpers/daemon';
import { waitUntil } from '../../../helpers/wait';
import { OUTCOME_WINDOW_MS } from '../../../../device-daemon/capabilities/submissions/outcome-by-key';
import { applicationArgs, harnessPerTest, manualClock, person } from '../harness';

// A crash between the commit and the answer, or while the receipt prints,
// must lose no case and make no second one: after the restart the page learns
// the case by the idempotency key it generated (submission.outcome) and prints
// the receipt once — the original, or its 补打 if a copy may have come out.
// The real daemon is killed with SIGKILL: between the commit and the answer
// at the test stop point KIOSK_TEST_STOP_AT=submission.committed (the daemon
// holds the answer and says so on stdout; the kill follows that line), and
// while the receipt prints on the simulated printer's printer.job event.

/**
 * The simulated reader without the module's processing times (~1 s a read), polling for a card every 20 ms
 * rather than back to back: a card read is only the way into an application here; the reader's timing is
 * tested in tests/device-daemon/devices/id-card.
 */
const INSTANT_READER = { devices: { idCardReader: { pollIntervalMs: 20, simulator: { timing: 'instant' } } } };

const harness = harnessPerTest();
let d: SpawnedDaemon | undefined;
afterEach(async () => {
  await d?.stop();
  d = undefined;
});

async function identify(ws: WebSocket, daemon: SpawnedDaemon) {
  const read = call(ws, 'card.read', { timeoutMs: 20_000 });
  await daemon.sim('idCardReader', 'insertCard', 'resident-young');
  const r = await read;
  // Seen once on a loaded CI run (not reproduced): the error and the daemon's last log lines say why next time.
  expect(r.ok, `${JSON.stringify(r.error)}\n${daemon.stdout().slice(-4000)}\n${daemon.stderr().slice(-2000)}`).toBe(true);
  expect((await call(ws, 'consent.record', { purpose: 'apply', textVersion: 'apply-test' })).ok).toBe(true);
}

async function kill9(daemon: SpawnedDaemon) {
  const exited = new Promise((r) => daemon.proc.once('exit', r));
  daemon.proc.kill('SIGKILL');
  await exited;
}

function casesWithKey(dataDir: string, key: string) {
  const db = new Database(join(dataDir, 'kiosk.db'), { readonly: true });
  try {
    return {
      withKey: (db.prepare('SELECT COUNT(*) AS n FROM submissions WHERE idempotency_key = ?').get(key) as { n: number }).n,
      all: (db.prepare('SELECT COUNT(*) AS n FROM submissions').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

const lastJob = async (ws: WebSocket) => (await call(ws, 'printer.lastJobs', { limit: 1 })).result.jobs.at(-1) as { lines: string[] };

// Two daemon starts per test: generous on a loaded 2-core machine (a test cut short while the second starts would leave it running).
describe('the answer a crash took: learnt by the idempotency key after the restart', { timeout: 60_000 }, () => {
  it('killed between the commit and the answer: exactly one case, the page learns it by its key and prints the original receipt once', async () => {
    d = await spawnDaemon({ config: INSTANT_READER, env: { KIOSK_TEST_STOP_AT: 'submission.committed' } });
    const { dataDir, port, configPath } = d;
    const page = await d.connect();
    await identify(page, d);
    const args = applicationArgs();
    void call(page, 'submission.submit', args).catch(() => undefined); // its answer never comes
    await waitUntil(() => d!.stdout().includes('"msg":"test stop point reached","stopPoint":"submission.committed"'), { timeoutMs: 15_000, what: 'the commit' });
    await kill9(d);
    page.terminate();

    d = await spawnDaemon({ dataDir, port, configPath });
    expect(casesWithKey(dataDir, args.idempotencyKey)).toEqual({ withKey: 1, all: 1 });
    const again = await d.connect();
    const outcome = await call(again, 'submission.outcome', { idempotencyKey: args.idempotencyKey });
    expect(outcome.ok, JSON.stringify(outcome.error)).toBe(true);
    expect(outcome.result).toMatchObject({ caseNo: expect.stringMatching(/^WD0001-/), duplicate: true });
    const caseNo: string = outcome.result.caseNo;

    const receipt = await call(again, 'receipt.print', { caseNo });
    expect(receipt.ok, JSON.stringify(receipt.error)).toBe(true);
    expect(receipt.result.reprintOf).toBeUndefined(); // nothing came out before the crash: this is the original
    const lines = (await lastJob(again)).lines;
    expect(lines[0]).toBe('受理回执');
    expect(lines.join('\n')).not.toContain('补打');
    expect(lines.join('\n')).toContain(caseNo);

    // Sending it again (the page's retry) answers the same case: still one.
    expect((await call(again, 'submission.submit', args)).result).toMatchObject({ caseNo, duplicate: true });
    expect(casesWithKey(dataDir, args.idempotencyKey)).toEqual({ withKey: 1, all: 1 });
    again.close();
  });

  it('killed while the receipt prints: the case is learnt by its key and the receipt printed again is the 补打 of the copy that may have come out', async () => {
    d = await spawnDaemon({ config: INSTANT_READER });
    const { dataDir, port, configPath } = d;
    const page = await d.connect();
    await identify(page, d);
    const args = applicationArgs();
    const sub = await call(page, 'submission.submit', args);
    expect(sub.ok, JSON.stringify(sub.error)).toBe(true);
    const caseNo: string = sub.result.caseNo;
    // Bytes are going to the printer (the copy was recorded as queued ticks before): the page may be coming out.
    const printing = nextEvent(page, (e) => e.name === 'printer.job' && e.data.state === 'sending');
    void call(page, 'receipt.print', { caseNo }).catch(() => undefined);
    const job = await printing;
    await kill9(d);
    page.terminate();

    d = await spawnDaemon({ dataDir, port, configPath });
    const again = await d.connect();
    // Without the key the case is not this page's: its receipt is refused.
    expect((await call(again, 'receipt.print', { caseNo })).error?.code).toBe('notFound');
    const outcome = await call(again, 'submission.outcome', { idempotencyKey: args.idempotencyKey });
    expect(outcome.result).toMatchObject({ caseNo, duplicate: true });
    const reprint = await call(again, 'receipt.print', { caseNo });
    expect(reprint.ok, JSON.stringify(reprint.error)).toBe(true);
    expect(reprint.result.reprintOf).toBe(job.data.jobId);
    expect((await lastJob(again)).lines.slice(0, 2)).toEqual(['受理回执', '【补打】']);
    expect(casesWithKey(dataDir, args.idempotencyKey)).toEqual({ withKey: 1, all: 1 });
    again.close();
  });

  it('a key nothing was committed with is notFound (nothing accepted; a resend with it is safe), and the lookup never creates a case', async () => {
    d = await spawnDaemon({ config: INSTANT_READER });
    const ws = await d.connect();
    const r = await call(ws, 'submission.outcome', { idempotencyKey: randomUUID() });
    expect(r.error?.code).toBe('notFound');
    expect((await call(ws, 'submission.outcome', { idempotencyKey: 'not-a-uuid' })).error?.code).toBe('invalidArgs');
    expect(casesWithKey(d.dataDir, randomUUID()).all).toBe(0);
    ws.close();
  });

  it('submission.outcome is a session command: from a second page it takes the session over (the first page’s card is wiped first), never adds to another page’s session', async () => {
    d = await spawnDaemon({ config: INSTANT_READER });
    const first = await d.connect();
    await identify(first, d);
    const args = applicationArgs();
    const sub = await call(first, 'submission.submit', args);
    expect(sub.ok, JSON.stringify(sub.error)).toBe(true);
    const second = await d.connect();
    // Even with the first page's key (were it ever to leak), the second page does not add to the first's session:
    expect((await call(second, 'submission.outcome', { idempotencyKey: args.idempotencyKey })).result).toMatchObject({ caseNo: sub.result.caseNo });
    // it took the session over, and the first page's card went with it,
    expect((await call(first, 'case.progress', { byCard: true })).error?.code).toBe('noSession');
    // and the first page taking it back leaves the second nothing of it.
    expect((await call(second, 'case.progress', { byCard: true })).error?.code).toBe('noSession');
    expect((await call(second, 'receipt.print', { caseNo: sub.result.caseNo })).error?.code).toBe('notFound');
    first.close();
    second.close();
  });

  it('a case is learnt by its key for 30 minutes after its acceptance (a restart takes minutes); an older key is notFound', async () => {
    const clock = manualClock(Date.parse('2026-03-10T02:00:00Z'));
    const h = harness({ clock });
    h.identity = person('resident-young');
    const args = applicationArgs();
    const sub = await h.call('submission.submit', args);
    expect(sub.ok, JSON.stringify(sub.error)).toBe(true);
    h.identity = undefined;
    for (const w of h.wipers) w();
    clock.advance(OUTCOME_WINDOW_MS);
    expect((await h.call('submission.outcome', { idempotencyKey: args.idempotencyKey })).result).toEqual({ ...sub.result, duplicate: true });
    clock.advance(1);
    expect((await h.call('submission.outcome', { idempotencyKey: args.idempotencyKey })).error?.code).toBe('notFound');
  });
});
