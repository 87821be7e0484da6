import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applicationArgs, drained, harnessPerTest, manualClock, person } from '../harness';

const harness = harnessPerTest();
const DAY = 86400_000;

describe('retention on the daemon clock', () => {
  it('sweeps every hour: a delivered submission loses its personal part once retentionDays have passed, not before', async () => {
    const clock = manualClock(Date.parse('2025-06-02T09:00:00+08:00'));
    const h = harness({ clock });
    h.identity = person('resident-valid');
    const { caseNo } = (await h.call('submission.submit', applicationArgs())).result;
    await drained(h);
    const row = () => {
      const db = new Database(h.config.storage.path, { readonly: true });
      const r = db.prepare('SELECT payload IS NULL AS purged, applicant_masked FROM submissions WHERE case_no = ?').get(caseNo);
      db.close();
      return r;
    };
    clock.advance(h.config.storage.retentionDays * DAY - 3600_000);
    expect(row()).toEqual({ purged: 0, applicant_masked: '4104**********0023' });
    clock.advance(2 * 3600_000); // the first hourly sweep past the cut-off
    expect(row()).toEqual({ purged: 1, applicant_masked: '4104**********0023' });
  });
});
