import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SentSubmission } from './lane';

/** A printed page as the printer emulator rendered it (printer.lastJobs). */
export interface PrintedPage {
  lines: string[];
  qr: string[];
}

const CASE_NO = /[A-Z0-9]{2,8}-\d{8}-\d{5}-[0-9A-Z]/;
/** Receipts name their case: 受理回执 (applications) and the 有诉即办 receipt. A copy is marked 【补打】. */
const isReceipt = (p: PrintedPage) => p.lines.some((l) => l.includes('回执')) && p.lines.some((l) => CASE_NO.test(l));

/**
 * What the soak counts across the run to check nothing was lost or doubled:
 * the receipts that came out of the printer (originals per case number) and
 * every submission sent, against the store at the end.
 */
export class Ledger {
  readonly originals = new Map<string, number>();
  receiptsAsked = 0;
  nonReceiptPages = 0;

  /** Pages printed during one session, in order. Returns the non-receipt ones (for the privacy audit). */
  printed(pages: PrintedPage[]): PrintedPage[] {
    const others: PrintedPage[] = [];
    for (const p of pages) {
      if (!isReceipt(p)) {
        others.push(p);
        continue;
      }
      if (p.lines.some((l) => l.includes('补打'))) continue;
      const caseNo = p.lines.map((l) => CASE_NO.exec(l)?.[0]).find(Boolean)!;
      this.originals.set(caseNo, (this.originals.get(caseNo) ?? 0) + 1);
    }
    this.nonReceiptPages += others.length;
    return others;
  }

  get duplicateReceipts(): string[] {
    return [...this.originals].filter(([, n]) => n > 1).map(([c]) => c);
  }
}

export interface SubmissionCheck {
  sent: number;
  /** Sent but never answered with a case number, or answered but not in the store. */
  lost: string[];
  /** A key stored twice, a case number given twice, or a row in the store that nobody sent. */
  duplicates: string[];
  notDelivered: number;
}

/**
 * Every submission sent through the API (by key) and every one the pages
 * sent (announced by submission.accepted) against the store: each exactly
 * once, under the case number the daemon answered.
 */
export function checkSubmissions(dataDir: string, sent: SentSubmission[], announced: ReadonlySet<string>): SubmissionCheck {
  const db = new Database(join(dataDir, 'kiosk.db'), { readonly: true });
  const rows = db.prepare('SELECT idempotency_key AS key, case_no AS caseNo, state FROM submissions').all() as Array<{ key: string; caseNo: string; state: string }>;
  db.close();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const byCase = new Map(rows.map((r) => [r.caseNo, r]));
  const lost: string[] = [];
  const duplicates: string[] = [];
  const keys = new Set<string>();
  for (const s of sent) {
    if (keys.has(s.key)) duplicates.push(`key sent twice ${s.key}`);
    keys.add(s.key);
    const row = byKey.get(s.key);
    if (!s.caseNo || !row) lost.push(`${s.kind} ${s.key} ${s.caseNo ?? '(no answer)'}`);
    else if (row.caseNo !== s.caseNo) duplicates.push(`${s.key}: answered ${s.caseNo}, stored ${row.caseNo}`);
    if (s.duplicate) duplicates.push(`${s.key}: a first submit answered as a duplicate`);
  }
  for (const c of announced) if (!byCase.has(c)) lost.push(`announced ${c} not in the store`);
  if (byKey.size !== rows.length || byCase.size !== rows.length) duplicates.push('a key or case number twice in the store');
  const expected = new Set([...keys].map((k) => byKey.get(k)?.caseNo).filter(Boolean) as string[]);
  for (const c of announced) expected.add(c);
  for (const r of rows) if (!expected.has(r.caseNo)) duplicates.push(`stored ${r.caseNo} that nobody sent`);
  return { sent: sent.length, lost, duplicates, notDelivered: rows.filter((r) => r.state !== 'delivered').length };
}
