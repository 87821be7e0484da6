import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dutyAt, StaffDuty } from '../../../contract/domain/staff-duty';
import { WorkingDayCalendar } from '../../../contract/domain/working-days';

const calendar = WorkingDayCalendar.parse(JSON.parse(readFileSync(join(__dirname, '../../../assets/calendar/holidays-cn.json'), 'utf8')));
const workingDay = (d: string) => (calendar.covers(d) ? calendar.isWorkingDay(d) : undefined);
const WORKDAY = ['08:30-12:00', '14:30-17:30'];
const DEFAULT_DUTY_HOURS = { mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: WORKDAY, sat: [], sun: [] };
const duty: StaffDuty = { hours: DEFAULT_DUTY_HOURS };
const china = (local: string) => Date.parse(`${local}+08:00`);

describe('staff duty hours', () => {
  it('on duty within a span, with its end; between spans and after hours the next start', () => {
    expect(dutyAt(duty, workingDay, china('2026-11-30T10:00:00'))).toEqual({ onDuty: true, until: '2026-11-30T12:00+08:00', nextStart: null });
    expect(dutyAt(duty, workingDay, china('2026-11-30T12:30:00'))).toEqual({ onDuty: false, until: null, nextStart: '2026-11-30T14:30+08:00' });
    // Friday evening → Monday morning.
    expect(dutyAt(duty, workingDay, china('2026-12-04T18:00:00')).nextStart).toBe('2026-12-07T08:30+08:00');
  });

  it('nobody on a public holiday; a make-up working Saturday (调休) keeps Monday’s hours', () => {
    expect(dutyAt(duty, workingDay, china('2026-10-01T10:00:00'))).toEqual({ onDuty: false, until: null, nextStart: '2026-10-08T08:30+08:00' });
    expect(dutyAt(duty, workingDay, china('2026-10-10T09:00:00')).onDuty).toBe(true);
    // A year the calendar does not cover: the weekday's own hours.
    expect(dutyAt(duty, workingDay, china('2030-01-07T09:00:00')).onDuty).toBe(true);
  });

  it('the config refuses a span that ends before it starts; no hours at all has no next start', () => {
    expect(StaffDuty.safeParse({ hours: { ...DEFAULT_DUTY_HOURS, mon: ['12:00-08:00'] } }).success).toBe(false);
    const never: StaffDuty = { hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    expect(dutyAt(never, workingDay, china('2026-11-30T10:00:00'))).toEqual({ onDuty: false, until: null, nextStart: null });
  });
});
