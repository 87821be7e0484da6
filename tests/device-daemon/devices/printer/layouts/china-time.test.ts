import { describe, expect, it } from 'vitest';
import { chinaTime } from '../../../../../device-daemon/devices/printer/layouts/doc';

describe('chinaTime: the time printed on paper, China Standard Time whatever the daemon’s TZ', () => {
  it('shifts UTC by eight hours, across the date line at midnight', () => {
    expect(chinaTime(new Date('2025-06-12T06:03:59Z'))).toBe('2025-06-12 14:03');
    expect(chinaTime('2025-06-12T16:00:00Z')).toBe('2025-06-13 00:00');
    expect(chinaTime('2025-12-31T15:59:00Z')).toBe('2025-12-31 23:59');
    expect(chinaTime('2026-01-01T00:30:00+08:00')).toBe('2026-01-01 00:30');
  });

  it('refuses a time that is not one rather than printing NaN', () => {
    expect(() => chinaTime('not a time')).toThrow(RangeError);
  });
});
