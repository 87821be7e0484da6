import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

/**
 * Structured logs (pino, JSON lines) to stdout and to <dir>/daemon.log.
 * Personal fields are redacted by key wherever they appear; code must still
 * log masked values only — redaction is the second line of defence.
 */
import { maskDeep, maskText } from '../contract/domain/mask-deep';

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

export function createLogger(opts: { level: string; dir?: string; quiet?: boolean }): Logger {
  const paths = REDACT_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);
  const streams: pino.StreamEntry[] = [];
  // The console gets warnings and errors; the full log goes to the file (kioskctl logs reads it).
  if (!opts.quiet) streams.push({ level: 'warn', stream: process.stderr });
  if (opts.dir) {
    mkdirSync(opts.dir, { recursive: true });
    streams.push({ stream: pino.destination({ dest: join(opts.dir, 'daemon.log'), sync: true }) });
  }
  const logger = pino(
    {
      level: opts.level,
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
