import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCountersAuditCapability } from '../../../device-daemon/capabilities/counters-audit';
import { createSubmissionsCapability } from '../../../device-daemon/capabilities/submissions';
import { hashPin } from '../../../device-daemon/config/pin-hash';
import { writeTestConfig } from '../../helpers/daemon';
import { kioskctlWithInput } from '../../helpers/kioskctl';
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
