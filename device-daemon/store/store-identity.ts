import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { StoreProblem } from '../../contract/api';
import { openStoreFile, type OpenOptions } from './db';
import { markerPath, readMarker, SequenceReservations, writeMarker, type StoreMarker } from './marker';

// Which store a database file is, checked against the marker beside it
// before anything is written: the first start ever creates both; a missing,
// empty or different file where the marker says a store was is refused,
// never silently replaced; a store from before markers existed is adopted.

export type IdentifiedOpen =
  | { ok: true; db: Database.Database; created: boolean; migratedFrom: number; sequences: SequenceReservations }
  | { ok: false; problem: StoreProblem; message: string; sqliteCode?: string };

const META_STORE_ID = 'storeId';

const refused = (problem: StoreProblem, message: string): IdentifiedOpen => ({ ok: false, problem, message });

export function openIdentifiedStore(file: string, opts: OpenOptions = {}): IdentifiedOpen {
  const mfile = markerPath(file);
  const read = readMarker(mfile);
  if (read.state === 'unreadable') return refused('markerUnreadable', `the store marker ${mfile} cannot be read (${read.message})`);
  const marker = read.state === 'ok' ? read.marker : undefined;
  if (marker && !existsSync(file)) return refused('missing', `${file} is missing, but the marker ${mfile} says store ${marker.storeId} existed here`);
  if (marker && statSync(file).size === 0) return refused('empty', `${file} is empty (0 bytes), but the marker ${mfile} says store ${marker.storeId} existed here`);
  const r = openStoreFile(file, { ...opts, refuseEmpty: marker !== undefined });
  if (!r.ok) return r;
  try {
    const found = storeIdOf(r.db);
    if (marker && found !== marker.storeId) {
      r.db.close();
      return refused('mismatch', `${file} is store ${found ?? '(none)'}, but the marker ${mfile} says this terminal's store is ${marker.storeId}`);
    }
    const kept = marker ?? adopt(r.db, found);
    if (!marker) writeMarker(mfile, kept);
    return { ...r, sequences: new SequenceReservations(mfile, kept) };
  } catch (err) {
    r.db.close();
    throw err;
  }
}

function storeIdOf(db: Database.Database): string | undefined {
  return db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(META_STORE_ID)?.value;
}

/** A new store, or one from before markers: it gets an id (kept in the file) and a marker with what it has issued. */
function adopt(db: Database.Database, found: string | undefined): StoreMarker {
  const storeId = found ?? randomUUID();
  if (!found) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(META_STORE_ID, storeId);
  return { version: 1, storeId, createdAt: new Date().toISOString(), reserved: issuedSequences(db), previousStoreIds: [] };
}

const issuedSequences = (db: Database.Database): Record<string, number> =>
  Object.fromEntries(
    db
      .prepare<[], { day: string; last: number }>('SELECT day, last FROM case_sequence')
      .all()
      .map((r) => [r.day, r.last]),
  );

/**
 * A technician's new store where the marker says one existed (kioskctl store
 * init): only when the database is missing or empty. An empty file and a
 * left-over WAL or shm file are renamed aside (a stale WAL must never be
 * replayed into the new file), never deleted. The new file gets a new id and
 * starts every day's case sequence after the marker's, so no number is
 * issued twice.
 */
export function startNewStore(file: string, now = Date.now()): { storeId: string; previous: string; continuedDays: number; movedAside: string[] } {
  const mfile = markerPath(file);
  const read = readMarker(mfile);
  if (read.state !== 'ok')
    throw new Error(read.state === 'absent' ? `no marker ${mfile}: the daemon creates the store itself at its first start` : `the marker ${mfile} cannot be read (${read.message})`);
  if (existsSync(file) && !isEmptyStoreFile(file)) throw new Error(`${file} holds a store: move it aside first if a new store is really wanted (it is never overwritten)`);
  const stamp = new Date(now).toISOString().replaceAll(':', '').replace(/\..*/, '');
  const movedAside = [file, `${file}-wal`, `${file}-shm`].filter(existsSync).map((f) => {
    renameSync(f, `${f}.replaced-${stamp}`);
    return `${f}.replaced-${stamp}`;
  });
  const r = openStoreFile(file);
  if (!r.ok) throw new Error(`cannot create ${file}: ${r.message}`);
  const old = read.marker;
  const storeId = randomUUID();
  try {
    r.db.transaction(() => {
      r.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(META_STORE_ID, storeId);
      const seed = r.db.prepare('INSERT INTO case_sequence (day, last) VALUES (?, ?)');
      for (const [day, last] of Object.entries(old.reserved)) seed.run(day, last);
      r.db.prepare('INSERT INTO audit (at, action, detail) VALUES (?, ?, ?)').run(Date.now(), 'store.started', JSON.stringify({ storeId, previousStoreId: old.storeId }));
    })();
    writeMarker(mfile, { version: 1, storeId, createdAt: new Date().toISOString(), reserved: old.reserved, previousStoreIds: [...old.previousStoreIds, old.storeId] });
  } finally {
    r.db.close();
  }
  return { storeId, previous: old.storeId, continuedDays: Object.keys(old.reserved).length, movedAside };
}

function isEmptyStoreFile(file: string): boolean {
  if (statSync(file).size === 0) return true;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.pragma('user_version', { simple: true }) === 0;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}
