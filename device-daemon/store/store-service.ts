import type { Logger } from 'pino';
import type { KioskConfig } from '../config/schema';
import { chinaIso } from '../../contract/domain/china-time';
import { createPlatform } from '../platform';
import type { Platform } from '../platform/types';
import { openStoreFile, type OpenProblem } from './db';
import { SCHEMA_VERSION } from './migrations';
import { KioskStore } from './store';
import { IdempotencyConflict } from './submissions';

// The store file as the daemon's capabilities use it: opened once at start
// (a locked file is tried again in the background), then either open — the
// stores over it and the platform adapter — or unavailable with the reason a
// technician needs. Every use goes through require()/run(), which refuse
// with StoreUnavailable instead of losing a submission.

/** The open store and the platform adapter over it (the embedded platform keeps its cases in the same file). */
export interface OpenStore {
  store: KioskStore;
  platform: Platform;
}

type State = ({ state: 'ok' } & OpenStore) | { state: 'unavailable'; problem: OpenProblem | 'closed'; message: string; since: number };

/** The store cannot be used now (not opened, corrupt, locked, a failed write); the message says why and what to do. */
export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable';
}

export interface StoreServiceOptions {
  config: KioskConfig;
  log: Logger;
  now: () => number;
  /** How often to try again when the file is locked by another process. */
  lockedRetryMs?: number;
}

export class StoreService {
  private st: State;
  private retryTimer: NodeJS.Timeout | undefined;
  private dropped = 0;
  private readonly openListeners: Array<(o: OpenStore) => void> = [];
  private readonly file: string;

  constructor(private readonly opts: StoreServiceOptions) {
    this.file = opts.config.storage.path;
    this.st = { state: 'unavailable', problem: 'closed', message: 'not opened yet', since: opts.now() };
  }

  /** Opens the file (waiting up to 2 s for another process's lock); never throws: a failure leaves the store unavailable. */
  open(): void {
    const { log, now } = this.opts;
    const file = this.file;
    // Background retries must not stall the event loop.
    const r = openStoreFile(file, { busyTimeoutMs: this.retryTimer ? 50 : 2000 });
    if (!r.ok) return this.unavailable(r.problem, r.message);
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = undefined;
    let opened: OpenStore;
    try {
      opened = { store: new KioskStore(r.db), platform: createPlatform(this.opts.config, r.db, log, now) };
    } catch (err) {
      // Never let a start-up fault take the whole daemon down (this also runs from a timer).
      r.db.close();
      const message = `store ${file} could not be started: ${(err as Error).message}`;
      this.st = { state: 'unavailable', problem: 'unusable', message, since: now() };
      process.stderr.write(`\n*** STORE UNAVAILABLE: ${message}\n\n`);
      log.error({ store: file, err: (err as Error).stack }, message);
      return;
    }
    this.st = { state: 'ok', ...opened };
    const mode = opened.platform.mode;
    opened.store.audit.append('store.opened', { created: r.created, migratedFrom: r.migratedFrom, schema: SCHEMA_VERSION, platform: mode });
    log.info({ store: file, created: r.created, migratedFrom: r.migratedFrom, schema: SCHEMA_VERSION, platform: mode }, 'store open');
    for (const fn of this.openListeners) fn(opened);
  }

  /** Called once the store is open (at once when it already is): retention, the sync worker. */
  onOpen(fn: (o: OpenStore) => void): void {
    this.openListeners.push(fn);
    if (this.st.state === 'ok') fn(this.st);
  }

  /** The open store, or undefined while unavailable. */
  current(): OpenStore | undefined {
    return this.st.state === 'ok' ? this.st : undefined;
  }

  require(): OpenStore {
    if (this.st.state !== 'ok') throw new StoreUnavailable(this.st.message);
    return this.st;
  }

  /** A store call that fails at run time (disk full, I/O error) is StoreUnavailable, never a silent loss. */
  run<T>(fn: (o: OpenStore) => T): T {
    const o = this.require();
    try {
      return fn(o);
    } catch (err) {
      if (err instanceof IdempotencyConflict) throw err;
      this.opts.log.error({ err: (err as Error).message, code: (err as { code?: string }).code }, 'store operation failed');
      throw new StoreUnavailable(`the store could not save: ${(err as Error).message}`);
    }
  }

  /** Bookkeeping (counters, audit) that must never fail a command: dropped and counted while unavailable, logged on error. */
  record(fn: (o: OpenStore) => void): void {
    if (this.st.state !== 'ok') {
      this.dropped++;
      return;
    }
    try {
      fn(this.st);
    } catch (err) {
      this.opts.log.error({ err: (err as Error).message }, 'could not record a counter or audit entry');
    }
  }

  /** The /health section. */
  health(): Record<string, unknown> {
    const { config } = this.opts;
    return this.st.state === 'ok'
      ? { state: 'ok', file: this.file, schemaVersion: SCHEMA_VERSION, retentionDays: config.storage.retentionDays }
      : { state: 'unavailable', file: this.file, problem: this.st.problem, message: this.st.message, since: chinaIso(this.st.since), countersDropped: this.dropped };
  }

  /** After every capability stopped (the sync worker first): the file is closed and the store unavailable. */
  close(): void {
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = undefined;
    if (this.st.state !== 'ok') return;
    const { store } = this.st;
    this.st = { state: 'unavailable', problem: 'closed', message: 'the daemon is stopping', since: this.opts.now() };
    store.close();
  }

  private unavailable(problem: OpenProblem, detail: string): void {
    const { log, now } = this.opts;
    const file = this.file;
    const retryMs = this.opts.lockedRetryMs ?? 5000;
    const hint =
      problem === 'corrupt'
        ? `The file was left in place, untouched, for forensics. Submissions are refused until a technician moves it aside (e.g. mv ${file} ${file}.corrupt-$(date +%Y%m%dT%H%M%S)) and restarts the daemon, which then starts a new, empty store.`
        : problem === 'locked'
          ? `Another process holds it (a second daemon? a backup tool?). Submissions are refused; the daemon tries again every ${Math.round(retryMs / 1000)} s.`
          : problem === 'newerSchema'
            ? 'Install the daemon version that wrote it; the file was not changed.'
            : 'Check the path, permissions and free disk space; the file was not changed.';
    const message = `store ${file} is unusable (${problem}): ${detail}. ${hint}`;
    const prev = this.st.state === 'unavailable' && this.st.problem === problem ? this.st : undefined;
    const same = prev !== undefined;
    this.st = { state: 'unavailable', problem, message, since: prev?.since ?? now() };
    if (!same) {
      process.stderr.write(`\n*** STORE UNAVAILABLE: ${message}\n\n`);
      log.error({ store: file, problem }, message);
    }
    if (problem === 'locked' && !this.retryTimer) {
      this.retryTimer = setInterval(() => this.open(), retryMs);
      this.retryTimer.unref();
    }
  }
}
