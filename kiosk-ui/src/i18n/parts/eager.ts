import complaintZh from './complaint.zh-CN.json';
import progressCardZh from './progress-card.zh-CN.json';
import navigationZh from './navigation.zh-CN.json';
import scannerZh from './scanner.zh-CN.json';
import layoutZh from './layout.zh-CN.json';
import demoZh from './demo.zh-CN.json';
import journey13Zh from './journey13.zh-CN.json';

/**
 * Parts in the page's first script: the first screens use them (the device
 * list names the scanner), and the complaint flow writes the statements'
 * Chinese text into the submission whatever screen has loaded; the
 * navigation's questions and the unavailable screen's words are needed on any screen,
 * and so is demo mode's mark. Their English twins are in english.ts, loaded
 * after the first paint.
 */
export const eagerZh = [complaintZh, progressCardZh, scannerZh, navigationZh, layoutZh, demoZh, journey13Zh] as const;
