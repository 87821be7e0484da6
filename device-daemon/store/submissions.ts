import type Database from 'better-sqlite3';
import type { SubmissionKind } from '../../contract/api/submission';
import { SUBMISSION_KINDS } from '../../contract/api/submission';
import { chinaDate } from '../../contract/domain/china-time';
import { formatCaseNumber, MAX_SEQ } from '../../contract/domain/case-number';
import type { AuditStore } from './audit';
import type { CounterStore } from './counters';
import { maskText } from '../../contract/domain/mask-deep';

// The outbox. A submission, its case number, its audit line and its counter
// are one transaction: when accept() returns, all of it is on disk (WAL,
// synchronous=FULL). Delivery only ever moves a row forward
// (pending → delivered | rejected | needsStaff); rows are never deleted.

export type DeliveryState = 'pending' | 'delivered' | 'rejected' | 'needsStaff';
export type AttemptOutcome = 'delivered' | 'retry' | 'giveUp' | 'needsStaff';

export interface Submission {
  id: number;
  caseNo: string;
  idempotencyKey: string;
  requestHash: string;
  kind: SubmissionKind;
  itemCode: string | null;
  acceptedAt: number;
  promisedDate: string | null;
  provisional: boolean;
  applicantRef: string | null;
  applicantMasked: string | null;
  /** What the platform needs (may hold personal data); null once purged. */
  payload: unknown;
  purgedAt: number | null;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  deliveredAt: number | null;
  platformRef: string | null;
}

interface Row {
  id: number;
  case_no: string;
  idempotency_key: string;
  request_hash: string;
  kind: SubmissionKind;
  item_code: string | null;
  accepted_at: number;
  promised_date: string | null;
  provisional: number;
  applicant_ref: string | null;
  applicant_masked: string | null;
  payload: string | null;
  purged_at: number | null;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  delivered_at: number | null;
  platform_ref: string | null;
}

function fromRow(r: Row): Submission {
  return {
    id: r.id,
    caseNo: r.case_no,
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    kind: r.kind,
    itemCode: r.item_code,
    acceptedAt: r.accepted_at,
    promisedDate: r.promised_date,
    provisional: r.provisional === 1,
    applicantRef: r.applicant_ref,
    applicantMasked: r.applicant_masked,
    payload: r.payload === null ? null : (JSON.parse(r.payload) as unknown),
    purgedAt: r.purged_at,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    platformRef: r.platform_ref,
  };
}

export interface AcceptInput {
  terminalId: string;
  kind: SubmissionKind;
  idempotencyKey: string;
  requestHash: string;
  itemCode: string | null;
  payload: unknown;
  applicant?: { ref: string; masked: string };
  promised: { date: string; provisional: boolean } | null;
  acceptedAt: number;
}

/** The same idempotency key came with a different submission: a UI bug, never silently merged. */
export class IdempotencyConflict extends Error {}

export interface QueueStatus {
  depth: Record<SubmissionKind, number>;
  total: number;
  oldestAcceptedAt: number | null;
  parked: { rejected: number; needsStaff: number };
  lastError: { at: number; caseNo: string; code: string; message: string } | null;
}

export interface AttemptRecord {
  at: number;
  durationMs: number;
  outcome: AttemptOutcome;
  code?: string;
  message?: string;
}

/** Called inside the accepting transaction before a day's sequence is used (the store marker's reservations); throwing aborts the submission. */
export interface SequenceGuard {
  ensure(day: string, seq: number): void;
}

export class SubmissionStore {
  private readonly q;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditStore,
    private readonly counters: CounterStore,
    private readonly sequences?: SequenceGuard,
    private readonly casePrefix = '',
  ) {
    this.q = {
      byKey: db.prepare<[string], Row>('SELECT * FROM submissions WHERE idempotency_key = ?'),
      byCase: db.prepare<[string], Row>('SELECT * FROM submissions WHERE case_no = ?'),
      byApplicant: db.prepare<[string], Row>('SELECT * FROM submissions WHERE applicant_ref = ? ORDER BY id'),
      nextSeq: db.prepare<[string], { last: number }>('INSERT INTO case_sequence (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last'),
      insert: db.prepare(
        `INSERT INTO submissions (case_no, idempotency_key, request_hash, kind, item_code, accepted_at, promised_date, provisional,
                                  applicant_ref, applicant_masked, payload, next_attempt_at)
         VALUES (@caseNo, @key, @hash, @kind, @itemCode, @acceptedAt, @promisedDate, @provisional, @applicantRef, @applicantMasked, @payload, @acceptedAt)`,
      ),
      head: db.prepare<[string], Row>("SELECT * FROM submissions WHERE kind = ? AND state = 'pending' ORDER BY id LIMIT 1"),
      attempt: db.prepare('INSERT INTO delivery_attempts (submission_id, at, duration_ms, outcome, code, message) VALUES (?, ?, ?, ?, ?, ?)'),
      delivered: db.prepare("UPDATE submissions SET state = 'delivered', attempts = attempts + 1, delivered_at = ?, platform_ref = ?, last_error = NULL WHERE id = ? AND state = 'pending'"),
      retry: db.prepare("UPDATE submissions SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'pending'"),
      dueNow: db.prepare("UPDATE submissions SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?"),
      park: db.prepare("UPDATE submissions SET state = ?, attempts = attempts + 1, last_error = ? WHERE id = ? AND state = 'pending'"),
      // "state <> 'delivered'" repeats the partial index's condition so SQLite uses it (it cannot infer it from state = 'pending').
      depth: db.prepare<[], { kind: SubmissionKind; n: number; oldest: number }>(
        "SELECT kind, COUNT(*) AS n, MIN(accepted_at) AS oldest FROM submissions WHERE state = 'pending' AND state <> 'delivered' GROUP BY kind",
      ),
      parked: db.prepare<[], { state: DeliveryState; n: number }>("SELECT state, COUNT(*) AS n FROM submissions WHERE state IN ('rejected','needsStaff') AND state <> 'delivered' GROUP BY state"),
      lastError: db.prepare<[], { at: number; case_no: string; code: string | null; message: string | null }>(
        "SELECT a.at, s.case_no, a.code, a.message FROM delivery_attempts a JOIN submissions s ON s.id = a.submission_id WHERE a.outcome <> 'delivered' ORDER BY a.id DESC LIMIT 1",
      ),
      purge: db.prepare(
        // Delivered rows from their delivery, parked rows (refused for good / waiting for staff) from their acceptance.
        // The masked applicant (4104**********0023) stays with the case number, kind and dates; the full number, name and answers go.
        "UPDATE submissions SET payload = NULL, applicant_ref = NULL, purged_at = ? WHERE purged_at IS NULL AND ((state = 'delivered' AND delivered_at < ?) OR (state IN ('rejected', 'needsStaff') AND accepted_at < ?))",
      ),
      since: db.prepare<[number, number], Row>('SELECT * FROM submissions WHERE accepted_at >= ? ORDER BY id DESC LIMIT ?'),
      requeue: db.prepare("UPDATE submissions SET state = 'pending', next_attempt_at = ?, last_error = NULL WHERE case_no = ? AND state IN ('rejected', 'needsStaff')"),
      recent: db.prepare<[string | null, string | null, number], Row>('SELECT * FROM submissions WHERE (? IS NULL OR state = ?) ORDER BY id DESC LIMIT ?'),
      attempts: db.prepare<[number], AttemptRecord & { duration_ms: number }>('SELECT at, duration_ms, outcome, code, message FROM delivery_attempts WHERE submission_id = ? ORDER BY id'),
    };
  }

  findByKey(key: string): Submission | undefined {
    const r = this.q.byKey.get(key);
    return r && fromRow(r);
  }

  findByCaseNo(caseNo: string): Submission | undefined {
    const r = this.q.byCase.get(caseNo);
    return r && fromRow(r);
  }

  findByApplicant(ref: string): Submission[] {
    return this.q.byApplicant.all(ref).map(fromRow);
  }

  /**
   * Commit a submission with a new case number, or answer the one already
   * committed under this idempotency key.
   */
  accept(input: AcceptInput): { submission: Submission; duplicate: boolean } {
    const tx = this.db.transaction((): { submission: Submission; duplicate: boolean } => {
      const existing = this.q.byKey.get(input.idempotencyKey);
      if (existing) {
        if (existing.request_hash !== input.requestHash) {
          throw new IdempotencyConflict('this idempotency key was already used for a different submission');
        }
        return { submission: fromRow(existing), duplicate: true };
      }
      const day = chinaDate(input.acceptedAt).replaceAll('-', '');
      const seq = this.q.nextSeq.get(day)!.last;
      if (seq > MAX_SEQ) throw new Error(`case sequence for ${day} exhausted (${MAX_SEQ})`);
      this.sequences?.ensure(day, seq);
      const caseNo = this.casePrefix + formatCaseNumber({ terminalId: input.terminalId, date: day, seq });
      this.q.insert.run({
        caseNo,
        key: input.idempotencyKey,
        hash: input.requestHash,
        kind: input.kind,
        itemCode: input.itemCode,
        acceptedAt: input.acceptedAt,
        promisedDate: input.promised?.date ?? null,
        provisional: input.promised?.provisional ? 1 : 0,
        applicantRef: input.applicant?.ref ?? null,
        applicantMasked: input.applicant?.masked ?? null,
        payload: JSON.stringify(input.payload),
      });
      this.audit.append('submission.accepted', { caseNo, kind: input.kind, itemCode: input.itemCode, applicant: input.applicant?.masked ?? null }, input.acceptedAt);
      this.counters.add(`submissions.${input.kind}`, 1, input.acceptedAt);
      return { submission: fromRow(this.q.byCase.get(caseNo)!), duplicate: false };
    });
    return tx.immediate();
  }

  /** The oldest undelivered submission of a kind: delivery is in order per kind. */
  head(kind: SubmissionKind): Submission | undefined {
    const r = this.q.head.get(kind);
    return r && fromRow(r);
  }

  markDelivered(s: Submission, platformRef: string, attempt: Omit<AttemptRecord, 'outcome'>): void {
    this.db.transaction(() => {
      this.q.attempt.run(s.id, attempt.at, attempt.durationMs, 'delivered', attempt.code ?? null, attempt.message ?? null);
      this.q.delivered.run(attempt.at, platformRef, s.id);
      this.audit.append('submission.delivered', { caseNo: s.caseNo, kind: s.kind, platformRef, attempts: s.attempts + 1 }, attempt.at);
    })();
  }

  /** A failed attempt: scheduled again (retry) or parked for good (giveUp → rejected, needsStaff). */
  markFailed(s: Submission, attempt: AttemptRecord & { outcome: Exclude<AttemptOutcome, 'delivered'> }, nextAttemptAt?: number): void {
    const message = maskText(attempt.message ?? '').slice(0, 500);
    const lastError = `${attempt.code ?? 'error'}: ${message}`;
    this.db.transaction(() => {
      this.q.attempt.run(s.id, attempt.at, attempt.durationMs, attempt.outcome, attempt.code ?? null, message);
      if (attempt.outcome === 'retry') {
        this.q.retry.run(nextAttemptAt ?? attempt.at, lastError, s.id);
      } else {
        const state: DeliveryState = attempt.outcome === 'giveUp' ? 'rejected' : 'needsStaff';
        this.q.park.run(state, lastError, s.id);
        this.audit.append(`submission.${state}`, { caseNo: s.caseNo, kind: s.kind, code: attempt.code ?? null, message }, attempt.at);
        this.counters.add('errors', 1, attempt.at);
      }
    })();
  }

  /** Every pending submission waiting for its backoff becomes due at `at` (a retry asked for by staff); how many. */
  retryNow(at: number): number {
    return this.q.dueNow.run(at, at).changes;
  }

  status(): QueueStatus {
    const depth = Object.fromEntries(SUBMISSION_KINDS.map((k) => [k, 0])) as Record<SubmissionKind, number>;
    let oldest: number | null = null;
    for (const r of this.q.depth.all()) {
      depth[r.kind] = r.n;
      oldest = oldest === null ? r.oldest : Math.min(oldest, r.oldest);
    }
    const parked = { rejected: 0, needsStaff: 0 };
    for (const r of this.q.parked.all()) parked[r.state as 'rejected' | 'needsStaff'] = r.n;
    const e = this.q.lastError.get();
    return {
      depth,
      total: Object.values(depth).reduce((a, b) => a + b, 0),
      oldestAcceptedAt: oldest,
      parked,
      lastError: e ? { at: e.at, caseNo: e.case_no, code: e.code ?? 'error', message: e.message ?? '' } : null,
    };
  }

  /**
   * Retention: delivered submissions (from their delivery) and parked ones — refused for good or
   * waiting for staff — (from their acceptance) older than the cutoff lose their personal part;
   * the row, case number, kind, dates, state and masked applicant stay.
   */
  purgeDelivered(deliveredBefore: number, now = Date.now()): number {
    const n = this.q.purge.run(now, deliveredBefore, deliveredBefore).changes;
    if (n > 0) this.audit.append('retention.purged', { submissions: n, deliveredBefore: new Date(deliveredBefore).toISOString() }, now);
    return n;
  }

  recent(limit = 20, state?: DeliveryState): Submission[] {
    return this.q.recent.all(state ?? null, state ?? null, limit).map(fromRow);
  }

  /** What was accepted since `from` (epoch ms), newest first. */
  acceptedSince(from: number, limit = 500): Submission[] {
    return this.q.since.all(from, limit).map(fromRow);
  }

  /**
   * A parked submission (refused for good, or waiting for staff) goes back to
   * the queue at once, by a staff decision that is audited with who took it.
   * False when the case is not parked (delivered, pending, unknown).
   */
  requeue(caseNo: string, by: { staffNo: string }, now = Date.now()): boolean {
    return this.db.transaction(() => {
      const moved = this.q.requeue.run(now, caseNo).changes === 1;
      if (moved) this.audit.append('submission.requeued', { caseNo, staffNo: by.staffNo }, now);
      return moved;
    })();
  }

  attempts(s: Submission): AttemptRecord[] {
    return this.q.attempts.all(s.id).map((a) => ({ at: a.at, durationMs: a.duration_ms, outcome: a.outcome, ...(a.code ? { code: a.code } : {}), ...(a.message ? { message: a.message } : {}) }));
  }
}
