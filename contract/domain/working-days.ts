import { z } from 'zod';
import { addDays, chinaDate, isoWeekday } from './china-time';

// Working-day calendar for promised completion dates (承诺办结时限).
//
// Counting rule (documented on receipts as "自受理次日起计算"): the day of
// acceptance does not count; day 1 is the first working day after the
// acceptance date (China time). A case accepted at 23:00 on a Friday has the
// following Monday as working day 1. 0 days means 即办件: due on the day of
// acceptance.
//
// The file is data, not code: the State Council publishes each year's
// holidays and adjusted working days (调休) in November; a technician replaces
// assets/calendar/holidays-cn.json and the daemon picks it up on the next
// computation (mtime check) without a restart. A year missing from the file is
// never guessed: dates in it are computed on weekends only and flagged
// provisional (the receipt says 预计).

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const CalendarFile = z.object({
  about: z.string().optional(),
  source: z.record(z.string(), z.string()).optional(),
  years: z.record(z.string().regex(/^\d{4}$/), z.object({ holidays: z.array(IsoDate), workdays: z.array(IsoDate) })),
});
export type CalendarFile = z.infer<typeof CalendarFile>;

export interface DueDate {
  /** 'YYYY-MM-DD' */
  date: string;
  /** True when a year the calendar lacks was involved: weekends only, say 预计. */
  provisional: boolean;
  /** Years that were needed but are not in the calendar. */
  missingYears: number[];
}

export interface CalendarCoverage {
  file: string;
  years: number[];
  currentYear: number;
  currentYearCovered: boolean;
  nextYearCovered: boolean;
  /** For technicians: what to do, when something is missing. */
  warning?: string;
}

export class WorkingDayCalendar {
  private readonly holidays = new Set<string>();
  private readonly workdays = new Set<string>();
  readonly years: ReadonlySet<number>;

  constructor(data: CalendarFile) {
    const years = new Set<number>();
    for (const [year, y] of Object.entries(data.years)) {
      years.add(Number(year));
      for (const d of y.holidays) this.holidays.add(d);
      for (const d of y.workdays) this.workdays.add(d);
    }
    for (const d of this.holidays) {
      if (this.workdays.has(d)) throw new Error(`calendar lists ${d} both as a holiday and as a working day`);
      if (!years.has(Number(d.slice(0, 4)))) throw new Error(`calendar date ${d} is outside the years it declares`);
    }
    this.years = years;
  }

  static parse(json: unknown): WorkingDayCalendar {
    return new WorkingDayCalendar(CalendarFile.parse(json));
  }

  covers(date: string): boolean {
    return this.years.has(Number(date.slice(0, 4)));
  }

  isWorkingDay(date: string): boolean {
    if (this.holidays.has(date)) return false;
    if (this.workdays.has(date)) return true;
    return isoWeekday(date) <= 5;
  }

  /** The promised date of something accepted at `acceptedAtMs` with `days` working days. */
  dueDate(acceptedAtMs: number, days: number): DueDate {
    if (!Number.isInteger(days) || days < 0 || days > 3650) throw new RangeError(`working days must be an integer 0..3650, got ${days}`);
    let date = chinaDate(acceptedAtMs);
    const missing = new Set<number>();
    let counted = 0;
    while (counted < days) {
      date = addDays(date, 1);
      if (!this.covers(date)) missing.add(Number(date.slice(0, 4)));
      if (this.isWorkingDay(date)) counted++;
    }
    return { date, provisional: missing.size > 0, missingYears: [...missing].sort() };
  }

  coverage(file: string, nowMs = Date.now()): CalendarCoverage {
    const currentYear = Number(chinaDate(nowMs).slice(0, 4));
    const years = [...this.years].sort();
    const currentYearCovered = this.years.has(currentYear);
    const nextYearCovered = this.years.has(currentYear + 1);
    const out: CalendarCoverage = { file, years, currentYear, currentYearCovered, nextYearCovered };
    if (!currentYearCovered) {
      out.warning = `the holiday calendar lacks ${currentYear}: promised dates are provisional (预计), counted on weekends only. Install the ${currentYear} calendar in ${file}.`;
    } else if (!nextYearCovered) {
      out.warning = `the holiday calendar lacks ${currentYear + 1}: dates that reach into ${currentYear + 1} are provisional (预计). Add ${currentYear + 1} to ${file} once the State Council publishes it (usually in November).`;
    }
    return out;
  }
}
