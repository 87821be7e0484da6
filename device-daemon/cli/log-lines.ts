import { maskText } from '../../contract/domain/mask-deep';

const LEVELS: Record<number, string> = { 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** The lowest pino level a `--level` name lets through (unknown: everything). */
export const minLevel = (name: string): number => ({ debug: 20, info: 30, warn: 40, error: 50 })[name] ?? 20;

/**
 * One JSON log line as a technician reads it (time, level, message, the rest
 * as JSON), or undefined when it is below `min` or not a log line. Personal
 * fields are masked at the source; maskText here is a second line of defence
 * for anything that reached a free-text field.
 */
export function formatLogLine(line: string, min: number, json = false): string | undefined {
  let e: { time: number; level: number; msg?: string } & Record<string, unknown>;
  try {
    e = JSON.parse(line) as typeof e;
  } catch {
    return undefined;
  }
  if (typeof e.level !== 'number' || e.level < min) return undefined;
  if (json) return maskText(line);
  const { time, level, msg, app: _app, pid: _pid, hostname: _h, ...rest } = e;
  const lv = LEVELS[level] ?? String(level);
  return maskText(`${new Date(time).toISOString()} ${lv.padEnd(5)} ${msg ?? ''} ${Object.keys(rest).length ? JSON.stringify(rest) : ''}`);
}
