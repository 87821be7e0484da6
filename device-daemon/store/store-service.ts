import type { Logger } from 'pino';
import type { StoreProblem, StoreStatus } from '../../contract/api';
import { chinaIso } from '../../contract/domain/china-time';
import type { KioskConfig } from '../config/schema';
import { createPlatform } from '../platform';
import type { Platform } from '../platform/types';
import { DEMO_CASE_PREFIX } from '../../contract/api/demo';
import { deleteStoreFiles, demoStorePath } from './demo-store-file';
import { SCHEMA_VERSION } from './migrations';
import { problemHint, type RunProblem, runProblemOf } from './store-failure';
import { openIdentifiedStore } from './store-identity';
import { KioskStore } from './store';
import { IdempotencyConflict } from './submissions';
import { AlreadyRated } from './evaluations';

// The store file as the daemon's capabilities use it: opened once at start
// (a locked file is tried again in the background), then `ok`; `failing`
// when a write failed at run time (disk full, read-only, I/O error: tried
// again in the background, ok again by itself once a write succeeds); or
// `unavailable` with the reason a technician needs. Every use goes through
// require()/run(), which refuse with StoreUnavailable instead of losing a
// submission, and every change of state is announced (onChange).

/** The open store and the platform adapter over it (the embedded platform keeps its cases in the same file). */
export interface OpenStore {
  store: KioskStore;
  platform: Platform;
  /** The demo store (演示模式): its outbox is never delivered, it is deleted when the mode ends. */
  demo: boolean;
}

type State =
  | { state: 'ok'; open: OpenStore; since: number }
  | { state: 'failing'; open: OpenStore; problem: RunProblem; message: string; since: number }
  | { state: 'unavailable'; problem: StoreProblem; message: string; since: number };

/** Problems at start that can pass by themselves (another process lets go, space is freed, the disk is writable again): the file is opened again every few seconds. */
const RETRIED_AT_OPEN = new Set<StoreProblem>(['locked', 'full', 'readOnly', 'ioError']);

/** The store cannot be used now (not opened, corrupt, locked, a failed write); the message says why and what to do. */
export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable';
}

export interface StoreServiceOptions {
  config: KioskConfig;
  log: Logger;
  now: () => number;
  /** How often to try again when the file is locked by another process, or a write failed. */
  lockedRetryMs?: number;
  /** How often an idle open store proves it can still write (a disk that filled up between submissions is found before a resident tries). */
  writeCheckMs?: number;
  /** Open the demo store instead of the real one (a training room: demo mode from boot). */
  demo?: boolean;
}

export class StoreService {
  private st: State;
  private retryTimer: NodeJS.Timeout | undefined;
  private checkTimer: NodeJS.Timeout | undefined;
  private dropped = 0;
  private readonly openListeners: Array<(o: OpenStore) => void> = [];
  private readonly changeListeners: Array<(s: StoreStatus) => void> = [];
  private file: string;
  private readonly retryMs: number;

  constructor(private readonly opts: StoreServiceOptions) {
    this.file = opts.demo ? demoStorePath(opts.config.storage.path) : opts.config.storage.path;
    this.retryMs = opts.lockedRetryMs ?? 5000;
    this.st = { state: 'unavailable', problem: 'closed', message: 'not opened yet', since: opts.now() };
  }

  /** Opens the file (waiting up to 2 s for another process's lock); never throws: a failure leaves the store unavailable. */
  open(): void {
    const { log } = this.opts;
    const file = this.file;
    let opened: OpenStore;
    let created = false;
    let migratedFrom = 0;
    try {
      // Background retries must not stall the event loop.
      const r = openIdentifiedStore(file, { busyTimeoutMs: this.retryTimer ? 50 : 2000 });
      if (!r.ok) return this.unavailable(r.problem, r.message);
      ({ created, migratedFrom } = r);
      try {
        const demo = this.isDemo();
        opened = { store: new KioskStore(r.db, r.sequences, demo ? DEMO_CASE_PREFIX : ''), platform: createPlatform(this.opts.config, r.db, log, this.opts.now), demo };
        opened.store.audit.append('store.opened', { created, migratedFrom, schema: SCHEMA_VERSION, platform: opened.platform.mode, storeId: r.sequences.storeId });
      } catch (err) {
        r.db.close();
        throw err;
      }
    } catch (err) {
      // Never let a start-up fault take the whole daemon down (this also runs from a timer); a full disk at start is `full`.
      return this.unavailable(runProblemOf(err) ?? 'unusable', `could not be started: ${(err as Error).message}`);
    }
    this.stopRetry();
    this.set({ state: 'ok', open: opened, since: this.opts.now() });
    this.checkTimer = setInterval(() => this.checkWrite(), this.opts.writeCheckMs ?? 60_000);
    this.checkTimer.unref();
    const mode = opened.platform.mode;
    log.info({ store: file, created, migratedFrom, schema: SCHEMA_VERSION, platform: mode }, 'store open');
    for (const fn of this.openListeners) fn(opened);
  }

  /** Called once the store is open (at once when it already is): retention, the sync worker. */
  onOpen(fn: (o: OpenStore) => void): void {
    this.openListeners.push(fn);
    if (this.st.state !== 'unavailable') fn(this.st.open);
  }

  /** Every change of state (ok, failing, unavailable, or a new problem). */
  onChange(fn: (s: StoreStatus) => void): () => void {
    this.changeListeners.push(fn);
    return () => {
      const i = this.changeListeners.indexOf(fn);
      if (i >= 0) this.changeListeners.splice(i, 1);
    };
  }

  /** The open store (also while writes fail: reads may still work), or undefined while unavailable. */
  current(): OpenStore | undefined {
    return this.st.state === 'unavailable' ? undefined : this.st.open;
  }

  require(): OpenStore {
    if (this.st.state === 'unavailable') throw new StoreUnavailable(this.st.message);
    return this.st.open;
  }

  /**
   * A store call. One that fails at run time (disk full, read-only, I/O
   * error) is StoreUnavailable, never a silent loss, and turns the store
   * `failing`; while failing every call is still tried, so a freed disk
   * serves the next submission.
   */
  run<T>(fn: (o: OpenStore) => T): T {
    const o = this.require();
    try {
      const result = fn(o);
      if (this.st.state === 'failing') this.checkWrite();
      return result;
    } catch (err) {
      // Refusals of the content, not failures of the store.
      if (err instanceof IdempotencyConflict || err instanceof AlreadyRated) throw err;
      this.opts.log.error({ err: (err as Error).message, code: (err as { code?: string }).code }, 'store operation failed');
      this.failed(err);
      throw new StoreUnavailable(`the store could not save: ${(err as Error).message}`);
    }
  }

  /** Bookkeeping (counters, audit) that must never fail a command: dropped and counted while unavailable or failing, logged on error. */
  record(fn: (o: OpenStore) => void): void {
    if (this.st.state === 'unavailable') {
      this.dropped++;
      return;
    }
    try {
      fn(this.st.open);
    } catch (err) {
      this.dropped++;
      this.opts.log.error({ err: (err as Error).message }, 'could not record a counter or audit entry');
      this.failed(err);
    }
  }

  /** What the page and a technician see (system.status, store.status). */
  status(): StoreStatus {
    const s = this.st;
    const since = chinaIso(s.since);
    if (s.state === 'ok') return { state: 'ok', accepting: true, readable: true, since };
    return { state: s.state, accepting: false, readable: s.state === 'failing' && s.problem !== 'corrupt', problem: s.problem, reason: s.message, since };
  }

  /** The /health section. */
  health(): Record<string, unknown> {
    const { config } = this.opts;
    const open = this.st.state !== 'unavailable' ? { schemaVersion: SCHEMA_VERSION, retentionDays: config.storage.retentionDays } : {};
    const status = this.status();
    // `message`: the name /health used for the reason before the store had a status of its own.
    return { ...status, ...(status.reason ? { message: status.reason } : {}), file: this.file, demo: this.isDemo(), ...open, countersDropped: this.dropped };
  }

  /** Whether the store in use is the demo store. */
  isDemo(): boolean {
    return this.file !== this.opts.config.storage.path;
  }

  /**
   * Demo mode starts or ends: the store in use is closed and the other one
   * opened (onOpen listeners run again: the sync worker follows). The demo
   * store is deleted before it is opened (every demo starts empty) and after
   * it is closed; answers the files deleted.
   */
  switchTo(demo: boolean): string[] {
    if (demo === this.isDemo()) return [];
    const demoFile = demoStorePath(this.opts.config.storage.path);
    this.close('demo mode is switching stores');
    const wiped = deleteStoreFiles(demoFile);
    this.file = demo ? demoFile : this.opts.config.storage.path;
    this.open();
    return wiped;
  }

  /** After every capability stopped (the sync worker first): the file is closed and the store unavailable. */
  close(why = 'the daemon is stopping'): void {
    this.stopRetry();
    if (this.checkTimer) clearInterval(this.checkTimer);
    this.checkTimer = undefined;
    if (this.st.state === 'unavailable') return;
    const { store } = this.st.open;
    this.set({ state: 'unavailable', problem: 'closed', message: why, since: this.opts.now() });
    store.close();
  }

  /** A small real write (one meta row): the only proof that the file takes writes again, or still does. */
  private checkWrite(): void {
    if (this.st.state === 'unavailable') return;
    const { open } = this.st;
    try {
      open.store.db.prepare("INSERT INTO meta (key, value) VALUES ('lastWriteCheck', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(chinaIso(this.opts.now()));
    } catch (err) {
      this.failed(err);
      return;
    }
    if (this.st.state === 'failing') {
      this.stopRetry();
      this.opts.log.warn({ store: this.file, was: this.st.problem }, 'store writes work again: submissions are accepted');
      this.set({ state: 'ok', open, since: this.opts.now() });
    }
  }

  private failed(err: unknown): void {
    const problem = runProblemOf(err);
    if (!problem || this.st.state === 'unavailable') return;
    if (this.st.state === 'failing' && this.st.problem === problem) return;
    const message = `store ${this.file} cannot be written (${problem}): ${(err as Error).message}. ${problemHint(problem, this.file, this.retrySec())}`;
    this.announce(message);
    this.set({ state: 'failing', open: this.st.open, problem, message, since: this.opts.now() });
    if (!this.retryTimer) {
      this.retryTimer = setInterval(() => this.checkWrite(), this.retryMs);
      this.retryTimer.unref();
    }
  }

  private unavailable(problem: StoreProblem, detail: string): void {
    const message = `store ${this.file} is unusable (${problem}): ${detail}. ${problemHint(problem, this.file, this.retrySec())}`;
    const prev = this.st.state === 'unavailable' && this.st.problem === problem ? this.st : undefined;
    if (!prev) this.announce(message);
    this.set({ state: 'unavailable', problem, message, since: prev?.since ?? this.opts.now() }, prev !== undefined);
    if (RETRIED_AT_OPEN.has(problem) && !this.retryTimer) {
      this.retryTimer = setInterval(() => this.open(), this.retryMs);
      this.retryTimer.unref();
    }
  }

  private announce(message: string): void {
    process.stderr.write(`\n*** STORE UNAVAILABLE: ${message}\n\n`);
    this.opts.log.error({ store: this.file, status: 'unavailable' }, message);
  }

  private set(next: State, quiet = false): void {
    this.st = next;
    if (quiet) return;
    const s = this.status();
    for (const fn of this.changeListeners) fn(s);
  }

  private stopRetry(): void {
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = undefined;
  }

  private retrySec(): number {
    return Math.round(this.retryMs / 1000);
  }
}
