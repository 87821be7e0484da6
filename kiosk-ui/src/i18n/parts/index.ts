import complaintZh from './complaint.zh-CN.json';
import complaintEn from './complaint.en.json';
import evaluateZh from './evaluate.zh-CN.json';
import evaluateEn from './evaluate.en.json';
import progressCardZh from './progress-card.zh-CN.json';
import progressCardEn from './progress-card.en.json';
import scannerZh from './scanner.zh-CN.json';
import scannerEn from './scanner.en.json';
import serviceZh from './service.zh-CN.json';
import serviceEn from './service.en.json';

// One file per journey and language, so parallel work never edits one big
// file. Listed here (not globbed) so that their keys are types: a part added
// to the folder but not here is caught by tests/kiosk-ui/i18n/locales.test.ts.
export const zhParts = [complaintZh, evaluateZh, progressCardZh, scannerZh, serviceZh] as const;
export const enParts = [complaintEn, evaluateEn, progressCardEn, scannerEn, serviceEn] as const;
