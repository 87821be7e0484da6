import evaluateZh from './evaluate.zh-CN.json';
import evaluateEn from './evaluate.en.json';
import guideZh from './guide.zh-CN.json';
import guideEn from './guide.en.json';
import printingZh from './printing.zh-CN.json';
import printingEn from './printing.en.json';
import recordsZh from './records.zh-CN.json';
import recordsEn from './records.en.json';
import serviceZh from './service.zh-CN.json';
import serviceEn from './service.en.json';
import staffPanelZh from './staff-panel.zh-CN.json';
import staffPanelEn from './staff-panel.en.json';
import guidedZh from './guided.zh-CN.json';
import guidedEn from './guided.en.json';

/**
 * Parts only the journeys' screens use: loaded with them (screens/journey-screens.ts), not in the page's first script.
 * The staff panel and guided mode's hints come with them too: the panel opens only once they are loaded.
 */
export const journeyZh = [evaluateZh, guideZh, printingZh, recordsZh, serviceZh, staffPanelZh, guidedZh] as const;
export const journeyEn = [evaluateEn, guideEn, printingEn, recordsEn, serviceEn, staffPanelEn, guidedEn] as const;
