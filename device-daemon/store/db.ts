import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, NewerSchemaError } from './migrations';
import { boundPageCache } from './page-cache';
import { type RunProblem, runProblemOf } from './store-failure';

// Opening the store file. A file that cannot be trusted is never replaced or
// emptied: it stays exactly where it is for forensics, and the caller refuses
// submissions until a technician acts. (Renaming it aside would make the next
// boot start empty without anyone noticing; that is the failure this avoids.)

type OpenProblem = 'corrupt' | 'locked' | 'newerSchema' | 'unusable' | 'empty' | RunProblem;

export type OpenResult = { ok: true; db: Database.Database; created: boolean; migratedFrom: number } | { ok: false; problem: OpenProblem; message: string; sqliteCode?: string };

export interface OpenOptions {
  /** How long to wait for another process's lock before calling the file locked. */
  busyTimeoutMs?: number;
  readonly?: boolean;
  /**
   * A file that exists but holds no schema (0 bytes, or SQLite with user_version 0)
   * is refused as `empty` instead of being filled with a new store: once a store
   * has existed here (store-identity.ts knows), an empty file is a lost store.
   */
  refuseEmpty?: boolean;
}

/** Owner-only: the store holds personal data until retention purges it. WAL and shm files take the database file's mode (SQLite copies it). */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/** The data directory (created owner-only) and the file itself, created 0600 before SQLite opens it, or set to 0600 when it exists. */
function prepareFile(path: string, existed: boolean): void {
  mkdirSync(dirname(path), { recursive: true, mode: DIR_MODE });
  if (!existed) closeSync(openSync(path, 'wx', FILE_MODE));
  for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) chmodSync(f, FILE_MODE);
}

export function openStoreFile(path: string, opts: OpenOptions = {}): OpenResult {
  const existed = existsSync(path);
  let db: Database.Database | undefined;
  try {
    if (opts.readonly) {
      if (!existed) return { ok: false, problem: 'unusable', message: `${path} does not exist` };
      db = new Database(path, { readonly: true, fileMustExist: true, timeout: opts.busyTimeoutMs ?? 2000 });
      boundPageCache(db);
      return { ok: true, db, created: false, migratedFrom: db.pragma('user_version', { simple: true }) as number };
    }
    if (opts.refuseEmpty && existed && statSync(path).size === 0) return { ok: false, problem: 'empty', message: `${path} is empty (0 bytes)` };
    prepareFile(path, existed);
    db = new Database(path, { timeout: opts.busyTimeoutMs ?? 2000 });
    boundPageCache(db);
    if (existed) {
      if (opts.refuseEmpty && db.pragma('user_version', { simple: true }) === 0) {
        db.close();
        return { ok: false, problem: 'empty', message: `${path} is an SQLite file without the store's tables` };
      }
      // Read-only check first: nothing is written to a file we have not verified.
      const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
      const bad = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
      if (bad.length) {
        db.close();
        return { ok: false, problem: 'corrupt', message: `integrity check failed: ${bad.slice(0, 3).join('; ')}` };
      }
    }
    db.pragma('journal_mode = WAL');
    // FULL: in WAL mode a commit is fsynced before it returns, so an answered
    // submit (and the receipt printed after it) survives a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Purged personal data is overwritten on disk, not just unlinked from the b-tree.
    db.pragma('secure_delete = ON');
    const { from } = migrate(db);
    // Take the write lock once: a file another process holds is reported now,
    // not as a failed submit later.
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return { ok: true, db, created: !existed, migratedFrom: from };
  } catch (err) {
    try {
      db?.close();
    } catch {
      /* already unusable */
    }
    return classify(err);
  }
}

function classify(err: unknown): OpenResult & { ok: false } {
  if (err instanceof NewerSchemaError) return { ok: false, problem: 'newerSchema', message: err.message };
  const code = (err as { code?: string }).code ?? '';
  const message = (err as Error).message;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return { ok: false, problem: 'locked', message: `the file is locked by another process (${code}): ${message}`, sqliteCode: code };
  }
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return { ok: false, problem: 'corrupt', message: `not a readable SQLite database (${code}): ${message}`, sqliteCode: code };
  }
  // A disk that is full, read-only or failing is named as such: the store is tried again (it may come back by itself).
  return { ok: false, problem: runProblemOf(err) ?? 'unusable', message: `${code || 'error'}: ${message}`, ...(code ? { sqliteCode: code } : {}) };
}
