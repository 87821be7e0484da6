import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalendarSource, DEFAULT_CALENDAR_PATH, loadCalendarFile } from '../../../device-daemon/calendar/calendar-source';
import { CalendarFile } from '../../../contract/domain/working-days';

const cal = loadCalendarFile(DEFAULT_CALENDAR_PATH);
/** An instant given as China Standard Time wall-clock. */
const cst = (local: string) => Date.parse(`${local}+08:00`);

describe('working-day calendar', () => {
  it('ships the published 2025 and 2026 calendars', () => {
    expect([...cal.years].sort()).toEqual([2025, 2026]);
    // The team's shared calendar (../shared/data/holidays-cn.json), copied byte for byte: its digest is
    // pinned here so the check needs nothing outside the repository.
    expect(createHash('sha256').update(readFileSync(DEFAULT_CALENDAR_PATH)).digest('hex')).toBe('e804fe4511ab1350cef4da1295a194750cdb122494cdc633d8650b9c98b90e3f');
  });

  it('the shipped file is coherent: dates real and in their year, holidays on weekdays-or-not, 调休 only on weekends, no date both', () => {
    const file = CalendarFile.parse(JSON.parse(readFileSync(DEFAULT_CALENDAR_PATH, 'utf8')));
    for (const [year, { holidays, workdays }] of Object.entries(file.years)) {
      for (const d of [...holidays, ...workdays]) {
        expect(d.slice(0, 4), d).toBe(year);
        expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10), `${d} is a real date`).toBe(d);
      }
      // 调休上班 days are Saturdays or Sundays (a weekday needs no entry), and never also a holiday
      for (const d of workdays) expect([0, 6], `${d} weekday`).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
      expect(
        holidays.filter((d) => workdays.includes(d)),
        year,
      ).toEqual([]);
      expect(new Set(holidays).size, `${year} duplicate holidays`).toBe(holidays.length);
      // Every published year has the statutory holidays: New Year, Spring Festival, National Day (10-01..10-03)
      expect(holidays, year).toContain(`${year}-01-01`);
      for (const d of ['10-01', '10-02', '10-03']) expect(holidays, year).toContain(`${year}-${d}`);
      // 11 statutory days (13 from 2025) plus the bridged days: at least 13 listed
      expect(holidays.length, year).toBeGreaterThanOrEqual(13);
    }
  });

  it('does not count the day of acceptance: Friday 23:00 starts counting Monday', () => {
    expect(cal.dueDate(cst('2025-06-13T23:00:00'), 1)).toEqual({ date: '2025-06-16', provisional: false, missingYears: [] });
    expect(cal.dueDate(cst('2025-06-13T23:00:00'), 5).date).toBe('2025-06-20');
    expect(cal.dueDate(cst('2025-06-13T09:00:00'), 0).date).toBe('2025-06-13'); // 即办件
  });

  it('counts adjusted working days (调休) and skips holidays', () => {
    // Sunday 2025-09-28 is a 调休 working day
    expect(cal.dueDate(cst('2025-09-26T23:00:00'), 1).date).toBe('2025-09-28');
    // National Day + Mid-Autumn 2025-10-01..08 off; Saturday 10-11 is worked
    expect(cal.dueDate(cst('2025-09-30T10:00:00'), 1).date).toBe('2025-10-09');
    expect(cal.dueDate(cst('2025-09-30T10:00:00'), 3).date).toBe('2025-10-11');
    // Spring Festival 2026: Saturday 02-14 worked, 02-15..23 off
    expect(cal.dueDate(cst('2026-02-13T16:00:00'), 1).date).toBe('2026-02-14');
    expect(cal.dueDate(cst('2026-02-13T16:00:00'), 2).date).toBe('2026-02-24');
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(cal.isWorkingDay('2026-10-05')).toBe(false);
  });

  it('counts across the year boundary (New Year 2026 off, Sunday 2026-01-04 worked)', () => {
    expect(cal.dueDate(cst('2025-12-31T15:00:00'), 1)).toEqual({ date: '2026-01-04', provisional: false, missingYears: [] });
    expect(cal.dueDate(cst('2025-12-31T15:00:00'), 2).date).toBe('2026-01-05');
    expect(cal.dueDate(cst('2025-12-26T15:00:00'), 20).date).toBe('2026-01-26');
  });

  it('uses China time for the acceptance date, whatever the machine zone', () => {
    // 2025-09-27T16:30Z is Sunday 2025-09-28 00:30 in China (a working day), so day 1 is Monday the 29th
    expect(cal.dueDate(Date.parse('2025-09-27T16:30:00Z'), 1).date).toBe('2025-09-29');
  });

  it('flags dates in a year the calendar lacks as provisional, counted on weekends only', () => {
    expect(cal.dueDate(cst('2026-12-28T10:00:00'), 3)).toEqual({ date: '2026-12-31', provisional: false, missingYears: [] });
    expect(cal.dueDate(cst('2026-12-30T10:00:00'), 5)).toEqual({ date: '2027-01-06', provisional: true, missingYears: [2027] });
    expect(cal.dueDate(cst('2024-05-01T10:00:00'), 1)).toEqual({ date: '2024-05-02', provisional: true, missingYears: [2024] });
  });

  it('coverage warns when the current or the next year is missing', () => {
    expect(cal.coverage('f', cst('2026-06-01T00:00:00'))).toMatchObject({ currentYearCovered: true, nextYearCovered: false, warning: expect.stringContaining('2027') });
    expect(cal.coverage('f', cst('2025-06-01T00:00:00'))).not.toHaveProperty('warning');
    expect(cal.coverage('f', cst('2027-01-05T00:00:00'))).toMatchObject({ currentYearCovered: false, warning: expect.stringContaining('lacks 2027') });
  });

  it('picks up a replaced file without a restart; a broken file keeps the last good calendar', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cal-'));
    const file = join(dir, 'holidays-cn.json');
    const full = JSON.parse(readFileSync(DEFAULT_CALENDAR_PATH, 'utf8'));
    writeFileSync(file, JSON.stringify({ years: { 2025: full.years['2025'] } }));
    const src = new CalendarSource(file);
    expect(src.get().dueDate(cst('2025-12-31T15:00:00'), 1)).toMatchObject({ date: '2026-01-01', provisional: true });
    writeFileSync(file, JSON.stringify(full));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(src.get().dueDate(cst('2025-12-31T15:00:00'), 1)).toMatchObject({ date: '2026-01-04', provisional: false });
    writeFileSync(file, '{ not json');
    utimesSync(file, new Date(), new Date(Date.now() + 10000));
    expect(src.get().dueDate(cst('2025-12-31T15:00:00'), 1).date).toBe('2026-01-04');
    expect(src.coverage()).toMatchObject({ loadError: expect.stringContaining('still using the calendar loaded before') });
  });

  it('without a readable calendar every date is provisional and coverage says why', () => {
    const src = new CalendarSource('/nonexistent/holidays-cn.json');
    expect(src.get().dueDate(cst('2025-06-13T23:00:00'), 1)).toMatchObject({ date: '2025-06-16', provisional: true });
    expect(src.coverage()).toMatchObject({ years: [], loadError: expect.stringContaining('provisional') });
  });

  it('refuses a calendar that lists a day as both holiday and working day', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cal-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ years: { 2025: { holidays: ['2025-01-01'], workdays: ['2025-01-01'] } } }));
    expect(() => loadCalendarFile(file)).toThrow(/both/);
  });
});
