import { z } from 'zod';
import { addDays, chinaDate, isoWeekday } from './china-time';

// When staff answer a call at the terminal: hours per weekday (China time),
// none on the calendar's public holidays; a make-up working day (调休, a
// weekend day the calendar marks as working) keeps Monday's hours.

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof WEEKDAYS)[number];

const Span = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'expected HH:MM-HH:MM')
  .refine((s) => s.slice(0, 5) < s.slice(6), 'the end is not after the start');

export const StaffDuty = z
  .object({
    hours: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(Span).max(4)])) as Record<Weekday, z.ZodArray<typeof Span>>).strict(),
    /** Called out of hours: this number instead (a hotline that answers); the site's consultation phone when absent. */
    afterHoursPhone: z
      .string()
      .regex(/^[0-9+\- ]{3,20}$/, 'expected a phone number')
      .optional(),
  })
  .strict();
export type StaffDuty = z.infer<typeof StaffDuty>;

/** What the calendar says of a date: working, not working, or not covered (undefined). */
export type WorkingDayOf = (date: string) => boolean | undefined;

export interface DutyNow {
  onDuty: boolean;
  /** China-time 'YYYY-MM-DDTHH:MM+08:00' the current span ends, while on duty. */
  until: string | null;
  /** The next time staff are there (within two weeks), while off duty. */
  nextStart: string | null;
}

function spansOn(duty: StaffDuty, date: string, workingDay: WorkingDayOf): string[] {
  const wd = isoWeekday(date);
  const working = workingDay(date);
  if (working === false && wd <= 5) return []; // a public holiday on a weekday
  if (working === true && wd >= 6) return duty.hours.mon; // 调休: a weekend day worked
  return duty.hours[WEEKDAYS[wd - 1]!];
}

const at = (date: string, hhmm: string) => `${date}T${hhmm === '24:00' ? '23:59' : hhmm}+08:00`;

/** Whether staff are on duty at `nowMs`, until when, or when they are next. */
export function dutyAt(duty: StaffDuty, workingDay: WorkingDayOf, nowMs: number): DutyNow {
  const today = chinaDate(nowMs);
  const clock = new Date(nowMs + 8 * 3600_000).toISOString().slice(11, 16);
  for (const span of spansOn(duty, today, workingDay)) {
    const [from, to] = span.split('-') as [string, string];
    if (from <= clock && clock < to) return { onDuty: true, until: at(today, to), nextStart: null };
  }
  for (let i = 0; i <= 14; i++) {
    const date = addDays(today, i);
    const next = spansOn(duty, date, workingDay)
      .map((s) => s.slice(0, 5))
      .find((from) => i > 0 || from > clock);
    if (next) return { onDuty: false, until: null, nextStart: at(date, next) };
  }
  return { onDuty: false, until: null, nextStart: null };
}
