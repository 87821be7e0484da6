import type Database from 'better-sqlite3';
import type { CounterName } from '../../contract/api/counters';
import { chinaDate } from '../../contract/domain/china-time';

/** Daily counters (sessions, cardReads, prints, paperMm, errors, submissions.<kind> …), per China-time day. */
export class CounterStore {
  private readonly upsert: Database.Statement<[string, string, number]>;
  private readonly byDay: Database.Statement<[string]>;
  private readonly allDays: Database.Statement<[]>;

  constructor(db: Database.Database) {
    this.upsert = db.prepare('INSERT INTO counters (day, name, value) VALUES (?, ?, ?) ON CONFLICT (day, name) DO UPDATE SET value = value + excluded.value');
    this.byDay = db.prepare('SELECT name, value FROM counters WHERE day = ? ORDER BY name');
    this.allDays = db.prepare('SELECT name, SUM(value) AS value FROM counters GROUP BY name ORDER BY name');
  }

  add(name: CounterName, amount = 1, at = Date.now()): void {
    if (!Number.isFinite(amount)) return;
    this.upsert.run(chinaDate(at), name.slice(0, 64), Math.round(amount));
  }

  read(day: string): Record<string, number> {
    return Object.fromEntries((this.byDay.all(day) as Array<{ name: string; value: number }>).map((r) => [r.name, r.value]));
  }

  /** Every counter summed over all days this store kept (the terminal's lifetime figures). */
  lifetime(): Record<string, number> {
    return Object.fromEntries((this.allDays.all() as Array<{ name: string; value: number }>).map((r) => [r.name, r.value]));
  }
}
