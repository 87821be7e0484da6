import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import SonicBoom from 'sonic-boom';

// The daemon's log file: written asynchronously by SonicBoom (pino's own
// file writer), rotated by size (daemon.log → daemon.log.1 → … → .N-1, the
// oldest removed), so the log never holds more than about maxTotalBytes.
// A write that fails (disk full, read-only, I/O error) never reaches the
// daemon: the log turns `degraded`, lines beyond a bounded buffer are
// dropped and counted, and the next write that succeeds makes it `ok` again.
//
// Why not pino-roll or rotating-file-stream: pino-roll names the current
// file daemon.N.log (the path kioskctl logs and the technicians' docs use
// would change every rotation), and rotating-file-stream destroys itself at
// the first failed write and buffers without a bound. SonicBoom keeps going
// after an error, drops past maxLength, and reopen() is its rotation hook;
// only the renames are ours.

export interface LogFileHealth {
  state: 'ok' | 'degraded';
  file: string;
  /** The system's error code of the failure (ENOSPC, EROFS, EIO …). */
  problem?: string;
  reason?: string;
  /** Time of the last change of state (ISO). */
  since: string;
  /** Lines lost while the file could not be written (since the daemon started). */
  droppedLines: number;
  maxTotalBytes: number;
}

export interface RotatingFileOptions {
  file: string;
  /** The whole log (current file and rotated ones) stays under about this. */
  maxTotalBytes: number;
  /** Files kept, the current one included (≥ 2). */
  files: number;
  /** SonicBoom's sync mode (test rigs that read the file at once; see LogOptions.sync). */
  sync?: boolean;
  /** Told once per change of state (the daemon writes it to stderr: the file may be the thing that is broken). */
  onStateChange?: (h: LogFileHealth) => void;
}

/** SonicBoom writes at most this much at once: a file is rotated this far below its share, so a write in flight when the share is reached still fits. */
const MAX_WRITE = 16 * 1024;
/** Each file's share of maxTotalBytes is at least this (the config schema refuses less). */
const MIN_FILE_BYTES = 2 * MAX_WRITE;
/** Bytes held in memory while the file cannot be written; later lines are dropped. */
const MAX_BUFFER = 1024 * 1024;
/** While degraded, how often the held lines are tried again (and a file that could not even be opened is opened again). */
const RETRY_MS = 5000;

export class RotatingLogFile {
  private sonic: SonicBoom;
  private size: number;
  private readonly rotateAt: number;
  private st: Omit<LogFileHealth, 'droppedLines' | 'maxTotalBytes' | 'file'> = { state: 'ok', since: new Date().toISOString() };
  private dropped = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private rotating = false;
  private openFailed = false;
  private closed = false;

  constructor(private readonly opts: RotatingFileOptions) {
    this.rotateAt = Math.max(MIN_FILE_BYTES, Math.floor(opts.maxTotalBytes / opts.files)) - MAX_WRITE;
    this.size = existsSync(opts.file) ? statSync(opts.file).size : 0;
    this.sonic = this.open();
  }

  /** pino's destination interface. */
  write(line: string): boolean {
    if (this.closed) return false;
    // A file that never opened has no descriptor: SonicBoom would hand fs.write a -1, which throws at the caller.
    if (this.openFailed) {
      this.dropped++;
      return false;
    }
    try {
      return this.sonic.write(line);
    } catch (err) {
      this.dropped++;
      this.failed(err as NodeJS.ErrnoException);
      return false;
    }
  }

  health(): LogFileHealth {
    return { ...this.st, file: this.opts.file, droppedLines: this.dropped, maxTotalBytes: this.opts.maxTotalBytes };
  }

  /** Resolves once what was written has reached the file, or at once when it cannot (never waits on a full disk). */
  settle(timeoutMs = 2000): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sonic.off('drain', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      timer.unref();
      this.sonic.once('drain', done);
      // Nothing pending (or nothing that can be written): settled now.
      if (!(this.sonic as unknown as { _writing: boolean })._writing || this.st.state === 'degraded') done();
    });
  }

  close(): void {
    this.closed = true;
    this.stopRetry();
    try {
      this.sonic.end();
    } catch {
      /* already failed: nothing to close cleanly */
    }
  }

  private open(): SonicBoom {
    const sonic = new SonicBoom({ dest: this.opts.file, mkdir: true, mode: 0o600, maxLength: MAX_BUFFER, append: true, sync: this.opts.sync ?? false });
    this.openFailed = false;
    sonic.on('ready', () => (this.openFailed = false));
    sonic.on('write', (n: number) => this.written(n));
    sonic.on('error', (err: NodeJS.ErrnoException) => this.failed(err));
    sonic.on('drop', () => this.dropped++);
    return sonic;
  }

  private written(n: number): void {
    if (n <= 0) return;
    this.size += n;
    if (this.st.state === 'degraded') {
      this.stopRetry();
      this.setState({ state: 'ok', since: new Date().toISOString() });
    }
    if (this.size >= this.rotateAt) this.rotate();
  }

  private failed(err: NodeJS.ErrnoException): void {
    this.rotating = false;
    if (this.fd() < 0) this.openFailed = true;
    if (this.st.state !== 'degraded' || this.st.problem !== err.code) {
      this.setState({ state: 'degraded', problem: err.code ?? 'error', reason: `the log file cannot be written: ${err.message}`, since: new Date().toISOString() });
    }
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setInterval(() => this.retry(), RETRY_MS);
    this.retryTimer.unref();
  }

  /** The held lines go out again with the next write: an empty one is enough. A file that never opened is opened anew (SonicBoom cannot reopen what it never opened). */
  private retry(): void {
    if (this.fd() >= 0) {
      this.sonic.write('');
      return;
    }
    this.sonic.destroy();
    this.sonic = this.open();
  }

  /** SonicBoom's descriptor (-1 until open; not in its type declarations). */
  private fd(): number {
    return (this.sonic as unknown as { fd: number }).fd;
  }

  private stopRetry(): void {
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** daemon.log.(N-2) → .(N-1) … daemon.log → .1, then SonicBoom opens a fresh daemon.log once its current write is done. */
  private rotate(): void {
    if (this.rotating) return;
    const { file, files } = this.opts;
    try {
      rmSync(`${file}.${files - 1}`, { force: true });
      for (let i = files - 2; i >= 1; i--) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      renameSync(file, `${file}.1`);
    } catch (err) {
      this.failed(err as NodeJS.ErrnoException);
      return;
    }
    this.size = 0;
    this.rotating = true;
    this.sonic.once('ready', () => (this.rotating = false));
    this.sonic.reopen();
  }

  private setState(next: LogFileHealth | Omit<LogFileHealth, 'droppedLines' | 'maxTotalBytes' | 'file'>): void {
    this.st = { state: next.state, since: next.since, ...(next.problem ? { problem: next.problem, reason: next.reason } : {}) };
    this.opts.onStateChange?.(this.health());
  }
}
