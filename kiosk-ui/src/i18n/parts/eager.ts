import complaintZh from './complaint.zh-CN.json';
import complaintEn from './complaint.en.json';
import progressCardZh from './progress-card.zh-CN.json';
import progressCardEn from './progress-card.en.json';
import navigationZh from './navigation.zh-CN.json';
import navigationEn from './navigation.en.json';
import scannerZh from './scanner.zh-CN.json';
import scannerEn from './scanner.en.json';
import layoutZh from './layout.zh-CN.json';
import layoutEn from './layout.en.json';
import demoZh from './demo.zh-CN.json';
import demoEn from './demo.en.json';
import journey13Zh from './journey13.zh-CN.json';
import journey13En from './journey13.en.json';

/**
 * Parts in the page's first script: the first screens use them (the device
 * list names the scanner), and the complaint flow writes the statements'
 * Chinese text into the submission whatever screen has loaded; the
 * navigation's questions and the unavailable screen's words are needed on any screen,
 * and so is demo mode's mark.
 */
export const eagerZh = [complaintZh, progressCardZh, scannerZh, navigationZh, layoutZh, demoZh, journey13Zh] as const;
export const eagerEn = [complaintEn, progressCardEn, scannerEn, navigationEn, layoutEn, demoEn, journey13En] as const;
