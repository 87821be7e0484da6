import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { RecordType } from '../../contract/api/submission';
import { maskIdNumber } from '../../contract/domain/mask';
import { chinaIso } from '../../contract/domain/china-time';
import type { CaseStep } from '../../contract/api/staff';
import { nextStatus, smsText, stepNote } from './case-steps';
import type { DemoRecords } from './demo-records';
import type { SmsNotices } from './sms/sms-notices';
import { PlatformError, type DeliveryAck, type OutboundSubmission, type PersonQuery, type Platform } from './types';
import type { PlatformCaseStatus, WireCase, WireSubmission } from './wire';

type PlatformStatus = (typeof PlatformCaseStatus.options)[number];

export type WorkOutcome = { ok: true; status: PlatformStatus; at: number } | { ok: false; code: 'notFound' | 'refused'; message: string };

/**
 * The terminal as its own system of record. Deliveries land in the
 * platform_cases tables of the same SQLite file, idempotent by key exactly as
 * the HTTP platform must be, so the outbox → deliver → ack path is the same.
 * Every delivered case starts at 已受理 (received) and stays there until a
 * staff action advances it (advance()); nothing moves on its own.
 */
export class EmbeddedPlatform implements Platform {
  readonly mode = 'embedded' as const;
  private readonly q;

  constructor(
    private readonly db: Database.Database,
    /** Loaded on first use: a broken demo file must not keep submissions from working. */
    private readonly demo: () => DemoRecords,
    private readonly now: () => number = Date.now,
  ) {
    this.q = {
      byKey: db.prepare<[string], { case_no: string; request_hash: string }>('SELECT case_no, request_hash FROM platform_cases WHERE idempotency_key = ?'),
      byCase: db.prepare<[string], { case_no: string; kind: WireSubmission['kind']; item_code: string | null; payload: string }>(
        'SELECT case_no, kind, item_code, payload FROM platform_cases WHERE case_no = ?',
      ),
      byApplicant: db.prepare<[string], { case_no: string }>('SELECT case_no FROM platform_cases WHERE applicant_ref = ? ORDER BY received_at'),
      insert: db.prepare('INSERT INTO platform_cases (case_no, idempotency_key, request_hash, kind, item_code, applicant_ref, received_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      event: db.prepare('INSERT INTO platform_case_events (case_no, status, at, note, department, staff_no) VALUES (?, ?, ?, ?, ?, ?)'),
      events: db.prepare<[string], { status: PlatformStatus; at: number; note: string | null; department: string | null }>(
        'SELECT status, at, note, department FROM platform_case_events WHERE case_no = ? ORDER BY id',
      ),
      received: db.prepare<[number, number], { case_no: string; kind: WireSubmission['kind']; item_code: string | null; received_at: number }>(
        'SELECT case_no, kind, item_code, received_at FROM platform_cases WHERE received_at >= ? ORDER BY received_at DESC LIMIT ?',
      ),
    };
  }

  link() {
    return { state: 'up' as const };
  }

  async deliver(s: OutboundSubmission): Promise<DeliveryAck> {
    const hash = createHash('sha256').update(JSON.stringify(s.body)).digest('hex');
    return this.db
      .transaction((): DeliveryAck => {
        const seen = this.q.byKey.get(s.idempotencyKey);
        if (seen) {
          if (seen.request_hash !== hash || seen.case_no !== s.body.caseNo) {
            throw new PlatformError('needsStaff', 'IDEMPOTENCY_CONFLICT', 'idempotency key already used for a different submission');
          }
          return { platformRef: `LOCAL-${seen.case_no}`, duplicate: true };
        }
        if (this.q.byCase.get(s.body.caseNo)) throw new PlatformError('needsStaff', 'CASE_NUMBER_CONFLICT', `case ${s.body.caseNo} exists with another key`);
        const at = this.now();
        this.q.insert.run(s.body.caseNo, s.idempotencyKey, hash, s.body.kind, s.body.itemCode, s.applicantRef, at, JSON.stringify(s.body));
        this.q.event.run(s.body.caseNo, 'received', at, null, null, null);
        return { platformRef: `LOCAL-${s.body.caseNo}`, duplicate: false };
      })
      .immediate();
  }

  async progress(caseNo: string): Promise<WireCase | undefined> {
    const c = this.q.byCase.get(caseNo);
    if (!c) return undefined;
    const events = this.q.events.all(caseNo).map((e) => ({ status: e.status, at: chinaIso(e.at), ...(e.note ? { note: e.note } : {}), ...(e.department ? { department: e.department } : {}) }));
    const body = JSON.parse(c.payload) as WireSubmission;
    return {
      caseNo,
      kind: c.kind,
      itemCode: c.item_code,
      acceptedAt: body.acceptedAt,
      promisedDate: body.promisedDate,
      status: events.at(-1)?.status ?? 'received',
      events,
    };
  }

  async casesOf(person: PersonQuery): Promise<WireCase[]> {
    const out: WireCase[] = [];
    for (const r of this.q.byApplicant.all(person.applicantRef)) {
      const c = await this.progress(r.case_no);
      if (c) out.push(c);
    }
    return out;
  }

  async records(person: PersonQuery, recordType: RecordType) {
    let demo: DemoRecords;
    try {
      demo = this.demo();
    } catch (err) {
      throw new PlatformError('needsStaff', 'RECORDS_UNAVAILABLE', `the embedded record set cannot be read: ${(err as Error).message}`);
    }
    return demo.find(person.idNumber, recordType);
  }

  async catalog(): Promise<'notModified'> {
    return 'notModified'; // the shipped catalog in assets is the catalog
  }

  /**
   * Retention: cases received before `before` keep their number, kind, item,
   * dates, timeline and the applicant masked (4104**********0023); the
   * submission body (name, full ID number, answers, address, phone) and the
   * person link go. Returns how many cases were purged.
   */
  purgePersonalData(before: number): number {
    const due = this.db
      .prepare<[number], { case_no: string; payload: string }>("SELECT case_no, payload FROM platform_cases WHERE received_at < ? AND json_extract(payload, '$.purged') IS NULL")
      .all(before);
    const update = this.db.prepare('UPDATE platform_cases SET applicant_ref = NULL, payload = ? WHERE case_no = ?');
    this.db.transaction(() => {
      for (const r of due) {
        const body = JSON.parse(r.payload) as Partial<WireSubmission>;
        const kept = {
          caseNo: r.case_no,
          terminalId: body.terminalId,
          kind: body.kind,
          channel: body.channel,
          itemCode: body.itemCode ?? null,
          acceptedAt: body.acceptedAt,
          promisedDate: body.promisedDate ?? null,
          applicantMasked: body.applicant?.idNumber ? maskIdNumber(body.applicant.idNumber) : null,
          purged: 1,
        };
        update.run(JSON.stringify(kept), r.case_no);
      }
    })();
    return due.length;
  }

  /** Applications received since `from` (epoch ms), newest first: what the staff view works on. */
  receivedSince(from: number, limit = 200) {
    return this.q.received.all(from, limit).map((r) => ({ caseNo: r.case_no, kind: r.kind, itemCode: r.item_code, receivedAt: r.received_at }));
  }

  /**
   * A step of a case worked at the terminal (the staff view): checked against
   * the case's current status, appended to its timeline with the department
   * and the staff number, and its text-message notice queued in the same
   * transaction. A step that does not follow (or an unknown case) is answered,
   * not thrown: a thrown error here means the store itself failed.
   */
  work(caseNo: string, step: CaseStep, by: { staffNo: string; department: string }, notices: SmsNotices): WorkOutcome {
    return this.db
      .transaction((): WorkOutcome => {
        const c = this.q.byCase.get(caseNo);
        if (!c) return { ok: false, code: 'notFound', message: `no case ${caseNo}` };
        const current = this.q.events.all(caseNo).at(-1)?.status ?? 'received';
        const status = nextStatus(current, step);
        if (!status.ok) return { ok: false, code: 'refused', message: status.message };
        const note = stepNote(step);
        const at = this.now();
        this.q.event.run(caseNo, status.to, at, note ?? null, by.department, by.staffNo);
        const body = JSON.parse(c.payload) as Partial<WireSubmission>;
        const phone = typeof body.data?.contactPhone === 'string' ? body.data.contactPhone : null;
        notices.queue(caseNo, phone, smsText(caseNo, by.department, status.to, note));
        return { ok: true, status: status.to, at };
      })
      .immediate();
  }
}
