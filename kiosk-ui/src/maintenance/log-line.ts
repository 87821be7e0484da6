import { chinaIso } from '../../../contract/domain/china-time';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** China time of an instant as "YYYY-MM-DD HH:MM:SS" (the daemon's logs and statuses carry UTC). */
export function chinaTimeText(ms: number): string {
  return chinaIso(ms).slice(0, 19).replace('T', ' ');
}

/** A daemon log line (pino JSON, already masked) as a technician reads it: time, level, message, then the rest. */
export function logLineText(line: string): string {
  try {
    const { time, level, msg, app: _app, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const head = `${typeof time === 'number' ? chinaTimeText(time) : ''} ${LEVELS[level as number] ?? String(level)} ${String(msg ?? '')}`;
    return Object.keys(rest).length ? `${head} ${JSON.stringify(rest)}` : head;
  } catch {
    return line;
  }
}
