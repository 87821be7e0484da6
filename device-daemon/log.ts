import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

/**
 * Structured logs (pino, JSON lines) to stderr (warnings and errors) and to
 * <dir>/daemon.log, written asynchronously and rotated by size
 * (log-file/rotating-file.ts): a full or broken disk makes the log `degraded`
 * (/health, kioskctl status), never stops the daemon.
 * Personal fields are redacted by key wherever they appear; code must still
 * log masked values only — redaction is the second line of defence.
 */
import { maskDeep, maskText } from '../contract/domain/mask-deep';
import { type LogFileHealth, RotatingLogFile } from './log-file/rotating-file';

/** Errors keep their type, message, code and stack (masked), not `{}`: Object.entries sees none of an Error's own fields. */
function plainErrors(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    const e = value as Error & { code?: unknown; cause?: unknown };
    return { type: e.name, message: e.message, ...(e.code !== undefined ? { code: e.code } : {}), stack: e.stack, ...(e.cause !== undefined ? { cause: plainErrors(e.cause, depth + 1) } : {}) };
  }
  if (depth > 8 || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => plainErrors(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = plainErrors(v, depth + 1);
  return out;
}
const maskForLog = (obj: Record<string, unknown>) => maskDeep(plainErrors(obj)) as Record<string, unknown>;

const REDACT_KEYS = [
  'idNumber',
  'name',
  'englishName',
  'address',
  'appendedAddress',
  'passNumber',
  'previousNumberLink',
  'photo',
  'phone',
  'callbackPhone',
  'contactPhone',
  'birthDate',
  'raw',
  'frame',
];

export interface LogOptions {
  level: string;
  dir?: string;
  quiet?: boolean;
  /** The log files together (current and rotated) stay under about this (config logging.maxTotalBytes). */
  maxTotalBytes?: number;
  /** Files kept, the current one included (config logging.files). */
  files?: number;
  /**
   * Write each line before the call returns: only for in-process test rigs that
   * read the file right after logging. The daemon never sets it (a slow or
   * full disk must not stall it).
   */
  sync?: boolean;
}

/** The daemon's logger and its file (absent without a log dir). */
export interface DaemonLog {
  log: Logger;
  /** The /health section: ok, or degraded with the reason and the lines dropped. */
  health(): LogFileHealth | { state: 'ok'; file: null; droppedLines: 0 };
  /** What was written reaches the file (or cannot: never waits on a broken disk). */
  settle(): Promise<void>;
  close(): void;
}

export function createLogger(opts: LogOptions): Logger {
  return createDaemonLog(opts).log;
}

export function createDaemonLog(opts: LogOptions): DaemonLog {
  const streams: pino.StreamEntry[] = [];
  // The console gets warnings and errors; the full log goes to the file (kioskctl logs reads it).
  if (!opts.quiet) streams.push({ level: 'warn', stream: process.stderr });
  const file = opts.dir ? openLogFile(opts) : undefined;
  if (file) streams.push({ stream: file });
  const log = pinoLogger(opts.level, streams);
  return {
    log,
    health: () => file?.health() ?? { state: 'ok', file: null, droppedLines: 0 },
    settle: () => file?.settle() ?? Promise.resolve(),
    close: () => file?.close(),
  };
}

/**
 * The log dir is created owner-only and the file 0600 (an existing file is made 0600: it is the daemon's own;
 * an existing dir is left as it is, it may be a shared one such as /var/log).
 */
function openLogFile(opts: LogOptions & { dir?: string }): RotatingLogFile {
  const dir = opts.dir!;
  const path = join(dir, 'daemon.log');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (existsSync(path)) chmodSync(path, 0o600);
  } catch {
    // A log dir that cannot be made (a read-only or full disk) is reported by the file's first write (degraded), not by a crash.
  }
  return new RotatingLogFile({
    file: path,
    maxTotalBytes: opts.maxTotalBytes ?? 100 * 1024 * 1024,
    files: opts.files ?? 5,
    sync: opts.sync ?? false,
    // Not into the log itself: the file is what is broken. stderr reaches the service manager's journal.
    onStateChange: (h) =>
      process.stderr.write(
        h.state === 'degraded'
          ? `\n*** LOG DEGRADED: ${h.reason} (${h.problem}); the daemon keeps serving, lines are dropped\n\n`
          : `log ${h.file} writable again (${h.droppedLines} lines dropped meanwhile)\n`,
      ),
  });
}

function pinoLogger(level: string, streams: pino.StreamEntry[]): Logger {
  const paths = REDACT_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);
  const logger = pino(
    {
      level,
      redact: { paths, censor: '[redacted]' },
      base: { app: 'kiosk-daemon' },
      // Redaction by path stops at a fixed depth: every logged object is also masked at any depth
      // (personal keys by name, ID/passport/mobile numbers inside any string).
      // Child-logger bindings likewise, and the message text itself (log.info(`… ${x}`) or printf arguments).
      formatters: { log: maskForLog, bindings: maskForLog },
      // Errors are turned into plain masked objects above; pino's own err serializer runs after the formatter and would overwrite their type.
      serializers: { err: (e: unknown) => e },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as typeof args;
          return method.apply(this, masked);
        },
      },
    },
    pino.multistream(streams.length ? streams : [{ stream: pino.destination('/dev/null') }]),
  );
  // pino formats only the root's bindings; a child's (and its children's: they inherit this method) are masked here.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, options) {
    return child.call(this, maskForLog(bindings), options);
  } as Logger['child'];
  return logger;
}
