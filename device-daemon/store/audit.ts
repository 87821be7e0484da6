import type Database from 'better-sqlite3';
import { maskDeep } from '../../contract/domain/mask-deep';

export interface AuditEntry {
  id: number;
  at: number;
  action: string;
  detail: Record<string, unknown> | null;
}

/** Who did what, which item and which case — masked data only (PIPL; kept ≥ 6 months with the logs). */
export class AuditStore {
  private readonly insert: Database.Statement<[number, string, string | null]>;
  private readonly recent: Database.Statement<[number]>;
  private readonly newestOf: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO audit (at, action, detail) VALUES (?, ?, ?)');
    this.recent = db.prepare('SELECT id, at, action, detail FROM audit ORDER BY id DESC LIMIT ?');
    this.newestOf = db.prepare("SELECT id, at, action, detail FROM audit WHERE action IN (?, 'submission.accepted') ORDER BY id DESC");
  }

  append(action: string, detail?: Record<string, unknown>, at = Date.now()): void {
    this.insert.run(at, action.slice(0, 64), detail ? JSON.stringify(maskDeep(detail)) : null);
  }

  /**
   * The `action` entries about one case (detail.caseNo), newest first. The
   * walk goes back from the newest entry and stops at the case's own
   * acceptance (written in the same transaction as the case), so it reads
   * only what was written since — a few rows for a case of the last minutes.
   */
  aboutCase(action: string, caseNo: string): AuditEntry[] {
    const out: AuditEntry[] = [];
    for (const r of this.newestOf.iterate(action) as IterableIterator<{ id: number; at: number; action: string; detail: string | null }>) {
      const detail = r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null;
      if (detail?.caseNo !== caseNo) continue;
      if (r.action === 'submission.accepted') break;
      out.push({ ...r, detail });
    }
    return out;
  }

  list(limit = 50): AuditEntry[] {
    return (this.recent.all(limit) as Array<{ id: number; at: number; action: string; detail: string | null }>).map((r) => ({
      ...r,
      detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
    }));
  }
}
