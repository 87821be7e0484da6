import type Database from 'better-sqlite3';
import type { EvaluationChannel } from '../../contract/api/evaluation';

export interface EvaluationRecord {
  eventKey: string;
  submissionId: number;
  channel: EvaluationChannel;
  level: number;
  ratedAt: number;
  /** 'YYYY-MM-DD' for a 差评, by which the handling unit must have called back; null otherwise. */
  followUpDue: string | null;
}

interface Row {
  event_key: string;
  submission_id: number;
  channel: EvaluationChannel;
  level: number;
  rated_at: number;
  follow_up_due: string | null;
}

const fromRow = (r: Row): EvaluationRecord => ({ eventKey: r.event_key, submissionId: r.submission_id, channel: r.channel, level: r.level, ratedAt: r.rated_at, followUpDue: r.follow_up_due });

/** A second rating of a rated service event, from whatever channel. */
export class AlreadyRated extends Error {
  constructor(readonly existing: EvaluationRecord) {
    super(`this service event was already rated (${existing.channel})`);
    this.name = 'AlreadyRated';
  }
}

/** The evaluations table: which service events are rated, how, and when a 差评's follow-up is due. */
export class EvaluationStore {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      byEvent: db.prepare<[string], Row>('SELECT * FROM evaluations WHERE event_key = ?'),
      bySubmission: db.prepare<[number], Row>('SELECT * FROM evaluations WHERE submission_id = ?'),
      insert: db.prepare('INSERT INTO evaluations (event_key, submission_id, channel, level, rated_at, follow_up_due) VALUES (@eventKey, @submissionId, @channel, @level, @ratedAt, @followUpDue)'),
      overdue: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM evaluations WHERE follow_up_due IS NOT NULL AND follow_up_due < ?'),
      open: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM evaluations WHERE follow_up_due IS NOT NULL'),
    };
  }

  find(eventKey: string): EvaluationRecord | undefined {
    const r = this.q.byEvent.get(eventKey);
    return r ? fromRow(r) : undefined;
  }

  forSubmission(id: number): EvaluationRecord | undefined {
    const r = this.q.bySubmission.get(id);
    return r ? fromRow(r) : undefined;
  }

  /** Call inside the transaction that stored the submission; throws AlreadyRated when the event has a rating. */
  record(e: EvaluationRecord): void {
    const existing = this.find(e.eventKey);
    if (existing) throw new AlreadyRated(existing);
    this.q.insert.run(e);
  }

  /** 差评 with a follow-up date, and how many of them are past it on `today` (staff and fleet see these). */
  followUps(today: string): { open: number; overdue: number } {
    return { open: this.q.open.get()!.n, overdue: this.q.overdue.get(today)!.n };
  }
}
