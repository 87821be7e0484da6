import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../../contract/domain/mask';
import { openStoreFile } from '../../../device-daemon/store/db';
import { KioskStore } from '../../../device-daemon/store/store';
import { PEOPLE } from '../capabilities/harness';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-submissions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T0 = Date.parse('2025-06-02T09:00:00+08:00');

describe('SubmissionStore.retryNow (outboxRetry from a technician or the fleet platform)', () => {
  it('makes every pending submission waiting for its backoff due now, and leaves parked ones parked', () => {
    const r = openStoreFile(join(dir, 'kiosk.db'));
    if (!r.ok) throw new Error(r.message);
    const store = new KioskStore(r.db);
    const p = PEOPLE.find((x) => x.id.startsWith('resident-'))!;
    const accept = () =>
      store.submissions.accept({
        terminalId: 'WD0001',
        kind: 'complaint',
        idempotencyKey: randomUUID(),
        requestHash: randomUUID(),
        itemCode: 'WD-KIOSK-036',
        payload: { text: 'synthetic' },
        applicant: { ref: store.applicantRef(p.idNumber), masked: maskIdNumber(p.idNumber) },
        promised: { date: '2025-06-16', provisional: false },
        acceptedAt: T0,
      }).submission;
    const waiting = accept();
    const parked = accept();
    store.submissions.markFailed(waiting, { at: T0 + 1000, durationMs: 3, outcome: 'retry', code: 'UNAVAILABLE', message: 'down' }, T0 + 3_600_000);
    store.submissions.markFailed(parked, { at: T0 + 1000, durationMs: 3, outcome: 'needsStaff', code: 'IDEMPOTENCY_CONFLICT', message: 'conflict' });
    expect(store.submissions.head('complaint')!.nextAttemptAt).toBe(T0 + 3_600_000);
    expect(store.submissions.retryNow(T0 + 2000)).toBe(1);
    expect(store.submissions.head('complaint')).toMatchObject({ caseNo: waiting.caseNo, nextAttemptAt: T0 + 2000 });
    expect(store.submissions.status().parked.needsStaff).toBe(1);
    r.db.close();
  });
});
