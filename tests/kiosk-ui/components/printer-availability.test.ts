import { describe, expect, it } from 'vitest';
import { printErrorKey } from '../../../kiosk-ui/src/components/printer-availability';
import { loadEnglish, translate } from '../../../kiosk-ui/src/i18n';

// The English strings of the first screens load after the page's first paint (i18n loadEnglish), as the page does.
await loadEnglish();

// A print the daemon refused as one request too many printed nothing: the
// resident is told to wait and tap again, not that the printer is unavailable.
describe('print failure messages', () => {
  it('tooManyRequests says to wait a few seconds, in both languages', () => {
    const key = printErrorKey('tooManyRequests');
    expect(key).toBe('printer.tooManyRequests');
    expect(translate('zh-CN', key)).toContain('稍等');
    expect(translate('en', key)).toContain('wait');
  });
});
