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

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO audit (at, action, detail) VALUES (?, ?, ?)');
    this.recent = db.prepare('SELECT id, at, action, detail FROM audit ORDER BY id DESC LIMIT ?');
  }

  append(action: string, detail?: Record<string, unknown>, at = Date.now()): void {
    this.insert.run(at, action.slice(0, 64), detail ? JSON.stringify(maskDeep(detail)) : null);
  }

  list(limit = 50): AuditEntry[] {
    return (this.recent.all(limit) as Array<{ id: number; at: number; action: string; detail: string | null }>).map((r) => ({
      ...r,
      detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
    }));
  }
}
