import { describe, expect, it } from 'vitest';
import { PrintRequest } from '../../../contract/api/printer';
import { buildOneTimeNotice, toPrinterNotice } from '../../../device-daemon/catalog/notice-data';
import { noticeEnglish } from '../../../device-daemon/documents/notice-english';
import { oneTimeNotice } from '../../../device-daemon/devices/printer/layouts/one-time-notice';
import { loadShipped } from '../../helpers/catalog';
import { testConfig } from '../capabilities/harness';

describe('the one-time notice in English', () => {
  it('names the item and each material in English below the Chinese; a material without English points to its Chinese line', () => {
    const catalog = loadShipped();
    const item = catalog.itemById('WD-KIOSK-029')!; // 特困人员认定: materials with and without English
    const { config } = testConfig();
    const data = { ...toPrinterNotice(buildOneTimeNotice(item, config.site, config.links, new Date('2026-11-30T02:00:00Z'))), english: noticeEnglish(item) };
    expect(PrintRequest.safeParse({ layout: 'oneTimeNotice', data }).error?.issues).toBeUndefined();
    expect(data.english.materials.slice(0, 2)).toEqual([null, 'ID card and household register']);
    const doc = oneTimeNotice(
      { ...data, guideUrl: 'https://example.invalid/guide', phones: { consultation: '12345', supervision: '12345' } },
      { siteName: '测试中心', terminalId: 'WD0001', now: new Date() },
    );
    const text = JSON.stringify(doc.blocks);
    expect(text.indexOf('一次性告知单')).toBeLessThan(text.indexOf('What to bring (one-time notice)'));
    expect(text).toContain(item.name.en);
    expect(text).toContain('(see 1. above, in Chinese)');
    // Without English asked for, the slip is as before.
    expect(
      JSON.stringify(
        oneTimeNotice({ ...data, english: undefined, guideUrl: 'https://example.invalid/g', phones: { consultation: '1', supervision: '1' } } as never, {
          siteName: 'x',
          terminalId: 'WD0001',
          now: new Date(),
        }).blocks,
      ),
    ).not.toContain('What to bring');
  });
});
