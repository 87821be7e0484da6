import type Database from 'better-sqlite3';
import type { SmsGateway } from './sms-gateway';

export interface SmsNotice {
  id: number;
  caseNo: string;
  text: string;
  queuedAt: number;
  sentAt: number | null;
  outcome: string | null;
}

/**
 * Text-message notices of case steps, queued in the store with the step (a
 * notice is never lost to a crash between the step and the send) and sent
 * through the gateway. A case without a phone is queued too and recorded as
 * not sendable, so the staff view shows that the applicant was not told.
 */
export class SmsNotices {
  private readonly q;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    db: Database.Database,
    private readonly gateway: SmsGateway,
    private readonly now: () => number,
  ) {
    this.q = {
      insert: db.prepare<[string, string | null, string, number]>('INSERT INTO sms_notices (case_no, phone, text, queued_at) VALUES (?, ?, ?, ?)'),
      unsent: db.prepare<[], { id: number; phone: string | null; text: string }>('SELECT id, phone, text FROM sms_notices WHERE sent_at IS NULL ORDER BY id'),
      done: db.prepare<[number, string, number]>('UPDATE sms_notices SET sent_at = ?, outcome = ?, phone = NULL WHERE id = ?'),
      ofCase: db.prepare<[string], { id: number; case_no: string; text: string; queued_at: number; sent_at: number | null; outcome: string | null }>(
        'SELECT id, case_no, text, queued_at, sent_at, outcome FROM sms_notices WHERE case_no = ? ORDER BY id',
      ),
    };
  }

  /** Queued in the caller's transaction when there is one (the step and its notice commit together). */
  queue(caseNo: string, phone: string | null, text: string): void {
    this.q.insert.run(caseNo, phone, text, this.now());
  }

  /** Sends what is queued, one at a time; the phone is dropped from the row once it is dealt with. */
  flush(): Promise<void> {
    this.sending = this.sending.then(async () => {
      for (const n of this.q.unsent.all()) {
        let outcome = 'sent';
        if (!n.phone) outcome = 'noPhone';
        else {
          try {
            await this.gateway.send(n.phone, n.text);
          } catch (err) {
            outcome = `failed: ${(err as Error).message}`.slice(0, 200);
          }
        }
        this.q.done.run(this.now(), outcome, n.id);
      }
    });
    return this.sending;
  }

  ofCase(caseNo: string): SmsNotice[] {
    return this.q.ofCase.all(caseNo).map((r) => ({ id: r.id, caseNo: r.case_no, text: r.text, queuedAt: r.queued_at, sentAt: r.sent_at, outcome: r.outcome }));
  }
}
