import { createHmac, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AuditStore } from './audit';
import { CounterStore } from './counters';
import { EvaluationStore } from './evaluations';
import { PaperRollStore } from './paper-roll';
import { type SequenceGuard, SubmissionStore } from './submissions';

/** The open store file and the stores over it. */
export class KioskStore {
  readonly audit: AuditStore;
  readonly counters: CounterStore;
  readonly submissions: SubmissionStore;
  readonly evaluations: EvaluationStore;
  readonly paperRoll: PaperRollStore;
  private readonly applicantKey: Buffer;

  constructor(
    readonly db: Database.Database,
    sequences?: SequenceGuard,
    /** Put before every case number this store issues (DEMO- in the demo store). */
    casePrefix = '',
  ) {
    this.audit = new AuditStore(db);
    this.counters = new CounterStore(db);
    this.submissions = new SubmissionStore(db, this.audit, this.counters, sequences, casePrefix);
    this.evaluations = new EvaluationStore(db);
    this.paperRoll = new PaperRollStore(db);
    this.applicantKey = this.metaKey('applicantKey');
  }

  /**
   * A keyed hash of an ID number: finds a person's cases ("my cases" after a
   * card read) without keeping the number itself in an index. The key is
   * random per store file and never leaves it.
   */
  applicantRef(idNumber: string): string {
    return createHmac('sha256', this.applicantKey).update(idNumber.toUpperCase()).digest('base64url').slice(0, 32);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private metaKey(name: string): Buffer {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(name);
    if (row) return Buffer.from(row.value, 'base64');
    const key = randomBytes(32);
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(name, key.toString('base64'));
    return key;
  }
}
