import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from '../version';
import { CalendarFile, WorkingDayCalendar, type CalendarCoverage } from '../../contract/domain/working-days';

// The holiday calendar file as the daemon reads it (the counting rules are in
// contract/domain/working-days.ts, shared with everything that shows a date).

export const DEFAULT_CALENDAR_PATH = join(ROOT_DIR, 'assets', 'calendar', 'holidays-cn.json');

export function loadCalendarFile(file: string): WorkingDayCalendar {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the holiday calendar ${file}: ${(err as Error).message}`);
  }
  const parsed = CalendarFile.safeParse(json);
  if (!parsed.success) throw new Error(`the holiday calendar ${file} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return new WorkingDayCalendar(parsed.data);
}

/**
 * The calendar as the daemon uses it: reloaded when the technician replaces the
 * file. A broken replacement keeps the last good calendar and says so.
 */
export class CalendarSource {
  private current: WorkingDayCalendar;
  private mtimeMs = -1;
  lastError: string | undefined;

  /** Never throws: without a readable file every date is provisional (weekends only) and coverage() says why. */
  constructor(readonly file: string = DEFAULT_CALENDAR_PATH) {
    this.current = new WorkingDayCalendar({ years: {} });
    this.get();
  }

  get(): WorkingDayCalendar {
    try {
      const m = statSync(this.file).mtimeMs;
      if (m !== this.mtimeMs) {
        this.mtimeMs = m;
        this.current = loadCalendarFile(this.file);
        this.lastError = undefined;
      }
    } catch (err) {
      const kept = this.current.years.size ? 'still using the calendar loaded before' : 'every date is provisional until it is fixed';
      this.lastError = `${(err as Error).message} — ${kept}`;
    }
    return this.current;
  }

  coverage(nowMs = Date.now()): CalendarCoverage & { loadError?: string } {
    const c = this.get().coverage(this.file, nowMs);
    return this.lastError ? { ...c, loadError: this.lastError } : c;
  }
}
