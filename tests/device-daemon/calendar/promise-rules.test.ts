import { describe, expect, it } from 'vitest';
import { COMPLAINT_RESPONSE, promisedDate } from '../../../device-daemon/calendar/promise-rules';
import { loadCalendarFile, DEFAULT_CALENDAR_PATH } from '../../../device-daemon/calendar/calendar-source';

const calendar = loadCalendarFile(DEFAULT_CALENDAR_PATH);
const at = (iso: string) => Date.parse(iso);

describe('promised dates from a time limit', () => {
  it('working days skip holidays and count adjusted working days; calendar days do not', () => {
    const eve = at('2025-09-30T10:00:00+08:00');
    expect(promisedDate({ promisedDays: 3, unit: 'working', caseType: 'promised' }, eve, calendar)).toEqual({ date: '2025-10-11', provisional: false, missingYears: [] });
    expect(promisedDate({ promisedDays: 3, unit: 'calendar', caseType: 'promised' }, eve, calendar)).toEqual({ date: '2025-10-03', provisional: false, missingYears: [] });
  });

  it('an instant item is due the day it is accepted (China time), with or without days; no days and not instant: no date', () => {
    // 23:30 UTC on 06-12 is 07:30 on 06-13 in China
    const early = at('2025-06-12T23:30:00Z');
    expect(promisedDate({ promisedDays: null, unit: 'working', caseType: 'instant' }, early, calendar)).toMatchObject({ date: '2025-06-13', provisional: false });
    expect(promisedDate({ promisedDays: 0, unit: 'working', caseType: 'instant' }, early, calendar)).toMatchObject({ date: '2025-06-13' });
    expect(promisedDate({ promisedDays: null, unit: 'working', caseType: 'promised' }, early, calendar)).toBeNull();
  });

  it('a year the calendar lacks makes the date provisional', () => {
    expect(promisedDate({ promisedDays: 5, unit: 'working', caseType: 'promised' }, at('2026-12-30T10:00:00+08:00'), calendar)).toEqual({
      date: '2027-01-06',
      provisional: true,
      missingYears: [2027],
    });
  });

  it('complaints (有诉即办): 5 working days', () => {
    expect(COMPLAINT_RESPONSE).toEqual({ promisedDays: 5, unit: 'working', caseType: 'promised' });
    expect(promisedDate(COMPLAINT_RESPONSE, at('2025-09-30T10:00:00+08:00'), calendar)?.date).toBe('2025-10-14');
  });
});
