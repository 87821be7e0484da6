import { describe, expect, it } from 'vitest';
import { COUNTER_NAMES } from '../../../contract/api/counters';
import { addMaintenanceStrings, loadEnglish, localeTables, translate } from '../../../kiosk-ui/src/i18n';
import { maintenanceEn, maintenanceZh } from '../../../kiosk-ui/src/i18n/parts/maintenance';
import { counterKey, counterRowLabel } from '../../../kiosk-ui/src/maintenance/counter-labels';

// The English strings of the first screens load after the page's first paint (i18n loadEnglish), as the page does.
await loadEnglish();

// The daemon counts only COUNTER_NAMES (the bus and the counter store take a
// CounterName: a new counter elsewhere does not compile); each has its words
// in both languages, as the counters page shows it.
addMaintenanceStrings({ zh: maintenanceZh, en: maintenanceEn });

describe('counter names on the maintenance counters page', () => {
  it('every counter the daemon can keep has a label in Chinese and in English, never its raw key', () => {
    const tables = localeTables();
    for (const name of COUNTER_NAMES) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const text = tables[locale][counterKey(name)];
        expect(text, `${locale} ${name}`).toBeTruthy();
        expect(counterRowLabel((k) => translate(locale, k), name)).toBe(text);
        expect(text).not.toBe(name);
      }
    }
    expect(counterRowLabel((k) => translate('zh-CN', k), 'submissions.complaint')).toBe('投诉建议');
  });

  it('rows of the failures table are devices by name; a name this page does not know is shown as it is', () => {
    expect(counterRowLabel((k) => translate('en', k), 'printer')).toBe('Printer');
    expect(counterRowLabel((k) => translate('en', k), 'newerCounter')).toBe('newerCounter');
  });
});
