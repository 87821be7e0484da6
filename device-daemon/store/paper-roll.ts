import type Database from 'better-sqlite3';

/** The paper fed since the roll in the printer went in. */
export interface PaperRoll {
  /** mm fed since the last new roll (or since the store began). */
  usedMm: number;
  /** When a technician last said a new roll went in; null when never said. */
  changedAt: number | null;
}

/** The paper-roll record (one row): fed paper added per printed job, reset by a new roll. */
export class PaperRollStore {
  private readonly feed: Database.Statement<[number]>;
  private readonly reset: Database.Statement<[number]>;
  private readonly get: Database.Statement<[], { used_mm: number; changed_at: number | null }>;

  constructor(db: Database.Database) {
    this.feed = db.prepare('UPDATE paper_roll SET used_mm = used_mm + ? WHERE id = 1');
    this.reset = db.prepare('UPDATE paper_roll SET used_mm = 0, changed_at = ? WHERE id = 1');
    this.get = db.prepare('SELECT used_mm, changed_at FROM paper_roll WHERE id = 1');
  }

  fed(mm: number): void {
    if (Number.isFinite(mm) && mm > 0) this.feed.run(mm);
  }

  newRoll(at: number): void {
    this.reset.run(at);
  }

  read(): PaperRoll {
    const row = this.get.get();
    return { usedMm: Math.round((row?.used_mm ?? 0) * 10) / 10, changedAt: row?.changed_at ?? null };
  }
}
