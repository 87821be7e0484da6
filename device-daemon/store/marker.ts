import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-write';

// The store marker: a small JSON file kept beside the database (kiosk.db →
// kiosk.db.marker.json). It says that a store has existed here, which one
// (its id, also in the database's meta table), and how far each day's case
// numbers may have gone. A database that disappears or is emptied leaves
// the marker behind, so the daemon refuses to start a new store silently,
// and a new store a technician asks for continues after the marker's
// sequences: a case number is never issued twice.

export interface StoreMarker {
  version: 1;
  storeId: string;
  createdAt: string;
  /**
   * Per China-time day (YYYYMMDD): every case sequence at or below this may
   * have been issued. Reserved ahead in blocks before a number is issued, so
   * the file is written once per block, not per submission.
   */
  reserved: Record<string, number>;
  /** Stores this terminal had before a technician started a new one. */
  previousStoreIds: string[];
}

export type MarkerRead = { state: 'absent' } | { state: 'ok'; marker: StoreMarker } | { state: 'unreadable'; message: string };

/** Days of sequences the marker keeps (a year and a bit: a clock set back by months still finds its day). */
const KEEP_DAYS = 400;

export const markerPath = (dbPath: string): string => `${dbPath}.marker.json`;

export function readMarker(file: string): MarkerRead {
  if (!existsSync(file)) return { state: 'absent' };
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoreMarker>;
    if (m.version !== 1 || typeof m.storeId !== 'string' || !m.reserved || typeof m.reserved !== 'object') throw new Error('not a store marker (version, storeId, reserved)');
    return { state: 'ok', marker: { version: 1, storeId: m.storeId, createdAt: String(m.createdAt ?? ''), reserved: { ...m.reserved }, previousStoreIds: [...(m.previousStoreIds ?? [])] } };
  } catch (err) {
    return { state: 'unreadable', message: (err as Error).message };
  }
}

/**
 * Written whole or not at all: a temporary file, fsynced, renamed over the
 * old one, and the directory fsynced so the rename survives a power cut.
 */
export function writeMarker(file: string, marker: StoreMarker): void {
  const days = Object.keys(marker.reserved).sort();
  const reserved = Object.fromEntries(days.slice(-KEEP_DAYS).map((d) => [d, marker.reserved[d]!]));
  const text = `${JSON.stringify({ ...marker, reserved }, null, 2)}\n`;
  writeFileAtomic(file, text, 0o600);
}

/** Sequences reserved ahead at a time: at most this many numbers of a day are skipped when a store is started anew. */
const BLOCK = 50;

/**
 * The case-number guard SubmissionStore calls inside its transaction before
 * a sequence is used: past the day's reservation, the marker is rewritten
 * first (a failure aborts the submission; nothing is issued unreserved).
 */
export class SequenceReservations {
  constructor(
    private readonly file: string,
    private marker: StoreMarker,
  ) {}

  get storeId(): string {
    return this.marker.storeId;
  }

  ensure(day: string, seq: number): void {
    if (seq <= (this.marker.reserved[day] ?? 0)) return;
    const next = { ...this.marker, reserved: { ...this.marker.reserved, [day]: seq + BLOCK - 1 } };
    writeMarker(this.file, next);
    this.marker = next;
  }
}
