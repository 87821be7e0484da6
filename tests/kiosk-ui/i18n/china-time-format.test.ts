import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chinaDateText, chinaDateTimeText } from '../../../kiosk-ui/src/i18n/china-time-format';
import { ROOT } from '../../helpers/daemon';

describe('times on screen are China time, whatever the zone the page runs in', () => {
  // 17:30 UTC on the 28th is 01:30 on the 29th in Beijing: a page in UTC would show the wrong day.
  const LATE = '2026-11-28T17:30:00Z';

  it('days and times are in Asia/Shanghai in both languages', () => {
    expect(chinaDateText(LATE, 'zh-CN')).toBe('2026年11月29日');
    expect(chinaDateTimeText(LATE, 'zh-CN')).toContain('01:30');
    expect(chinaDateText(LATE, 'en')).toBe('November 29, 2026');
    expect(chinaDateTimeText(LATE, 'en')).toContain('01:30');
  });

  it('no screen formats a time in the browser zone (toLocale*String without a zone)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(p) && /\.toLocale(Date|Time)?String\(/.test(readFileSync(p, 'utf8'))) offenders.push(p.slice(ROOT.length + 1));
      }
    };
    walk(join(ROOT, 'kiosk-ui/src'));
    expect(offenders).toEqual([]);
  });
});
