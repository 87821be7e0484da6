import Database from 'better-sqlite3';
import { boundPageCache } from '../store/page-cache';

export interface QueuedMessage {
  id: number;
  topic: string;
  payload: string;
}

export interface OfflineQueueStatus {
  depth: number;
  /** Messages dropped (oldest first) because the queue was full, since this file was created. */
  dropped: number;
}

/**
 * What the fleet link has to send, in order, kept across a lost link and a
 * restart: a small SQLite file of its own (not a table of the terminal's
 * store) because the link must keep queueing while the store is unavailable
 * (that is news the platform needs) and because the fleet simulator runs
 * hundreds of links without a store. Bounded: when full the oldest rows go
 * first, and the drops are counted in the same file.
 */
export class OfflineQueue {
  private readonly db: Database.Database;
  private depth: number | undefined;
  private readonly q: {
    push: Database.Statement<[string, string]>;
    peek: Database.Statement<[number], QueuedMessage>;
    remove: Database.Statement<[number]>;
    depth: Database.Statement<[], { n: number }>;
    trim: Database.Statement<[number]>;
    dropped: Database.Statement<[], { n: number }>;
    addDropped: Database.Statement<[number]>;
  };

  /** `file` ':memory:' keeps nothing across a restart (the simulator's virtual terminals). */
  constructor(
    file: string,
    private readonly max: number,
  ) {
    this.db = new Database(file);
    boundPageCache(this.db);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS outgoing (id INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL, payload TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
      INSERT OR IGNORE INTO meta (key, value) VALUES ('dropped', 0);`);
    this.q = {
      push: this.db.prepare('INSERT INTO outgoing (topic, payload) VALUES (?, ?)'),
      peek: this.db.prepare('SELECT id, topic, payload FROM outgoing ORDER BY id LIMIT ?'),
      remove: this.db.prepare('DELETE FROM outgoing WHERE id = ?'),
      depth: this.db.prepare('SELECT COUNT(*) AS n FROM outgoing'),
      trim: this.db.prepare('DELETE FROM outgoing WHERE id IN (SELECT id FROM outgoing ORDER BY id LIMIT ?)'),
      dropped: this.db.prepare("SELECT value AS n FROM meta WHERE key = 'dropped'"),
      addDropped: this.db.prepare("UPDATE meta SET value = value + ? WHERE key = 'dropped'"),
    };
  }

  push(topic: string, payload: string): void {
    // The depth is counted once and then kept: COUNT(*) on every push would walk a full queue per message.
    this.depth ??= this.q.depth.get()!.n;
    if (this.depth < this.max) {
      this.q.push.run(topic, payload);
      this.depth++;
      return;
    }
    this.db.transaction(() => {
      this.q.push.run(topic, payload);
      const over = this.depth! + 1 - this.max;
      this.q.trim.run(over);
      this.q.addDropped.run(over);
      this.depth = this.max;
    })();
  }

  /** The oldest `limit` messages, oldest first. */
  peek(limit: number): QueuedMessage[] {
    return this.q.peek.all(limit);
  }

  /** A message the broker acknowledged. */
  remove(id: number): void {
    if (this.q.remove.run(id).changes && this.depth !== undefined) this.depth--;
  }

  status(): OfflineQueueStatus {
    this.depth ??= this.q.depth.get()!.n;
    return { depth: this.depth, dropped: this.q.dropped.get()!.n };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
