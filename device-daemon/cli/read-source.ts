import { resolve } from 'node:path';
import { DEFAULT_CALENDAR_PATH } from '../calendar/calendar-source';
import { loadConfig } from '../config/load';
import { ROOT_DIR } from '../version';
import { fetchHealth } from './daemon-link';

/**
 * Where a read-only command read from: the store file itself (WAL lets it be
 * read beside the daemon), and whether a daemon was running — the API has no
 * read of the queue or the counters outside a maintenance session, which would
 * end a resident's session, so these commands never ask the daemon for them.
 */
export interface StoreSource {
  from: 'storeFile';
  file: string;
  /** unknown: the config does not load, so no daemon could be looked for. */
  daemon: 'running' | 'none' | 'unknown';
  /** The store the running daemon uses (from its /health), when it is not the file read. */
  daemonStore?: string;
}

export interface StoreSourceOpts {
  config: string;
  db?: string;
  port?: string;
}

/** The store file to read — --db, else the running daemon's own (its /health), else the config's — and what was found running. */
export async function storeSource(opts: StoreSourceOpts): Promise<StoreSource> {
  const configFile = resolve(opts.config);
  const got = await fetchHealth(configFile, opts.port).catch(() => undefined);
  const daemonStore = got && 'health' in got ? got.health.store?.file : undefined;
  const daemon = got === undefined ? 'unknown' : 'health' in got ? 'running' : 'none';
  const file = opts.db ? resolve(opts.db) : (daemonStore ?? resolve(ROOT_DIR, loadConfig(configFile).storage.path));
  return { from: 'storeFile', file, daemon, ...(daemonStore && daemonStore !== file ? { daemonStore } : {}) };
}

/** The source in words, on stderr: stdout stays what scripts parse. */
export function sayStoreSource(s: StoreSource): void {
  const beside =
    s.daemon === 'none'
      ? 'no daemon answers'
      : s.daemon === 'unknown'
        ? 'whether a daemon runs is unknown: the config does not load'
        : s.daemonStore
          ? `a daemon is running on another store, ${s.daemonStore}`
          : 'beside the running daemon: what it had committed when read';
  process.stderr.write(`(read from the store file ${s.file} directly, read-only; ${beside})\n`);
}

/** Where `calendar check` read from: the daemon reads the shipped file and reloads it when it changes. */
export function calendarSource(file: string): { from: 'calendarFile'; file: string; daemonReadsIt: boolean } {
  return { from: 'calendarFile', file, daemonReadsIt: file === resolve(DEFAULT_CALENDAR_PATH) };
}

export function sayCalendarSource(s: ReturnType<typeof calendarSource>): void {
  const daemon = s.daemonReadsIt
    ? 'the file the daemon reads: it reloads it when it changes, and keeps the calendar it loaded before when a replacement does not load'
    : `not the daemon's: it reads ${DEFAULT_CALENDAR_PATH}`;
  process.stderr.write(`(read from the calendar file ${s.file}, ${daemon})\n`);
}
