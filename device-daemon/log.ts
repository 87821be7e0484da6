import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

/**
 * Structured logs (pino, JSON lines) to stdout and to <dir>/daemon.log.
 * Personal fields are redacted by key wherever they appear; code must still
 * log masked values only — redaction is the second line of defence.
 */
import { maskDeep } from './store/personal-mask';

export const REDACT_KEYS = [
  'idNumber', 'name', 'englishName', 'address', 'appendedAddress', 'passNumber', 'previousNumberLink',
  'photo', 'phone', 'callbackPhone', 'contactPhone', 'birthDate', 'raw', 'frame',
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
  return pino(
    {
      level: opts.level,
      redact: { paths, censor: '[redacted]' },
      base: { app: 'kiosk-daemon' },
      // Redaction by path stops at a fixed depth: every logged object is also masked at any depth
      // (personal keys by name, ID/passport/mobile numbers inside any string).
      formatters: { log: (obj) => maskDeep(obj) as Record<string, unknown> },
    },
    pino.multistream(streams.length ? streams : [{ stream: pino.destination('/dev/null') }]),
  );
}
