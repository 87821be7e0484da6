import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedPlatform } from '../../../device-daemon/platform/embedded-platform';
import type { WireSubmission } from '../../../device-daemon/platform/wire';
import { maskIdNumber } from '../../../contract/domain/mask';
import { openStoreFile } from '../../../device-daemon/store/db';
import { KioskStore } from '../../../device-daemon/store/store';
import type { Submission } from '../../../device-daemon/store/submissions';
import { PEOPLE } from '../capabilities/harness';

// Retention covers every copy of a person on this terminal: delivered submissions, parked ones
// (refused for good / waiting for staff) and the embedded platform's case files. After it, the
// synthetic person is in no table, no column and no byte of the database or its WAL.

const DAY = 86400_000;
const T0 = Date.parse('2025-06-02T09:00:00+08:00');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-retention-'));
  dirs.push(dir);
  const file = join(dir, 'kiosk.db');
  const r = openStoreFile(file);
  if (!r.ok) throw new Error(r.message);
  return {
    file,
    db: r.db,
    store: new KioskStore(r.db),
    platform: new EmbeddedPlatform(
      r.db,
      () => {
        throw new Error('no demo records here');
      },
      () => T0,
    ),
  };
}

/** Every string cell of every table that contains one of the needles, as table.column. */
function holders(db: Database.Database, needles: string[]): string[] {
  const out = new Set<string>();
  for (const { name } of db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all()) {
    for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>) {
      for (const [col, v] of Object.entries(row)) if (typeof v === 'string' && needles.some((x) => v.includes(x))) out.add(`${name}.${col}`);
    }
  }
  return [...out].sort();
}

describe('retention purge', () => {
  it('delivered, rejected and needs-staff submissions and the embedded case files lose the person; pending and recent ones keep it', async () => {
    const { file, db, store, platform } = open();
    const who = PEOPLE.filter((p) => p.id.startsWith('resident-')).slice(0, 4);
    const phone = '13912345678';
    const address = '河南省平顶山市卫东区演示街道样例社区8号';
    const accept = (p: (typeof who)[number], at: number) =>
      store.submissions.accept({
        terminalId: 'WD0001',
        kind: 'application',
        idempotencyKey: randomUUID(),
        requestHash: randomUUID(),
        itemCode: 'WD-KIOSK-036',
        payload: { applicant: { name: p.name, idNumber: p.idNumber }, contactPhone: phone, delivery: { method: 'post', address } },
        applicant: { ref: store.applicantRef(p.idNumber), masked: maskIdNumber(p.idNumber) },
        promised: { date: '2025-06-16', provisional: false },
        acceptedAt: at,
      }).submission;
    const wire = (s: Submission, p: (typeof who)[number]): WireSubmission => ({
      caseNo: s.caseNo,
      terminalId: 'WD0001',
      kind: 'application',
      channel: 5,
      itemCode: 'WD-KIOSK-036',
      acceptedAt: '2025-06-02T09:00:00+08:00',
      promisedDate: '2025-06-16',
      provisional: false,
      applicant: { cardKind: 'resident', name: p.name, idNumber: p.idNumber },
      data: { contactPhone: phone, address },
    });

    // 0: delivered; 1: refused for good; 2: waiting for staff; 3: still pending (never purged: not yet sent)
    const subs = who.map((p) => accept(p, T0));
    await platform.deliver({ idempotencyKey: subs[0]!.idempotencyKey, body: wire(subs[0]!, who[0]!), applicantRef: store.applicantRef(who[0]!.idNumber) });
    store.submissions.markDelivered(subs[0]!, `LOCAL-${subs[0]!.caseNo}`, { at: T0 + 1000, durationMs: 3 });
    store.submissions.markFailed(subs[1]!, { at: T0 + 1000, durationMs: 3, outcome: 'giveUp', code: 'VALIDATION_FAILED', message: 'refused' });
    store.submissions.markFailed(subs[2]!, { at: T0 + 1000, durationMs: 3, outcome: 'needsStaff', code: 'IDEMPOTENCY_CONFLICT', message: 'conflict' });
    const needles = [...who.flatMap((p) => [p.idNumber, p.name]), phone, '样例社区8号'];
    expect(holders(db, [who[0]!.idNumber])).toEqual(['platform_cases.payload', 'submissions.payload']);

    // 29 days on (retention 30 days): nothing is due yet
    const early = T0 + 29 * DAY - 30 * DAY;
    expect(store.submissions.purgeDelivered(early, T0 + 29 * DAY)).toBe(0);
    expect(platform.purgePersonalData(early)).toBe(0);

    // 31 days on
    const cutoff = T0 + 31 * DAY - 30 * DAY;
    expect(store.submissions.purgeDelivered(cutoff, T0 + 31 * DAY)).toBe(3);
    expect(platform.purgePersonalData(cutoff)).toBe(1);
    // idempotent
    expect(store.submissions.purgeDelivered(cutoff, T0 + 31 * DAY)).toBe(0);
    expect(platform.purgePersonalData(cutoff)).toBe(0);

    const rows = db.prepare('SELECT case_no, kind, state, accepted_at, promised_date, applicant_masked, applicant_ref, payload, purged_at FROM submissions ORDER BY id').all() as Array<
      Record<string, unknown>
    >;
    for (const [i, state] of (['delivered', 'rejected', 'needsStaff'] as const).entries()) {
      expect(rows[i], state).toMatchObject({
        case_no: subs[i]!.caseNo,
        kind: 'application',
        state,
        accepted_at: T0,
        promised_date: '2025-06-16',
        applicant_masked: maskIdNumber(who[i]!.idNumber),
        applicant_ref: null,
        payload: null,
      });
      expect(rows[i]!.purged_at, state).not.toBeNull();
    }
    // the pending one has not reached the platform yet: it keeps what it must deliver
    expect(rows[3]).toMatchObject({ state: 'pending', purged_at: null });
    expect(String(rows[3]!.payload)).toContain(who[3]!.idNumber);

    // the embedded case file keeps its number, kind, dates, timeline and masked applicant
    const c = db.prepare('SELECT case_no, kind, item_code, applicant_ref, received_at, payload FROM platform_cases').get() as Record<string, unknown>;
    expect(c).toMatchObject({ case_no: subs[0]!.caseNo, kind: 'application', item_code: 'WD-KIOSK-036', applicant_ref: null, received_at: T0 });
    expect(JSON.parse(String(c.payload))).toMatchObject({
      caseNo: subs[0]!.caseNo,
      kind: 'application',
      acceptedAt: '2025-06-02T09:00:00+08:00',
      promisedDate: '2025-06-16',
      applicantMasked: maskIdNumber(who[0]!.idNumber),
    });
    expect(await platform.progress(subs[0]!.caseNo)).toMatchObject({ caseNo: subs[0]!.caseNo, status: 'received', promisedDate: '2025-06-16' });

    // Nobody but the pending submission's person is anywhere: every table, every column …
    const purgedPeople = [...who.slice(0, 3).flatMap((p) => [p.idNumber, p.name])];
    expect(holders(db, purgedPeople)).toEqual([]);
    expect(holders(db, needles)).toEqual(['submissions.payload']); // only the pending row
    // … and, with secure_delete, not in the bytes of the file or its WAL either.
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = Buffer.concat(['', '-wal', '-journal'].filter((x) => existsSync(file + x)).map((x) => readFileSync(file + x)));
    for (const secret of purgedPeople) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    expect(bytes.includes(Buffer.from(who[3]!.idNumber))).toBe(true); // the check can see a number that is there
  });
});
