import enBase from '../en.json';
import complaintEn from './complaint.en.json';
import progressCardEn from './progress-card.en.json';
import navigationEn from './navigation.en.json';
import scannerEn from './scanner.en.json';
import layoutEn from './layout.en.json';
import demoEn from './demo.en.json';
import journey13En from './journey13.en.json';

/** The English twins of eager.ts's parts. */
export const eagerEn = [complaintEn, progressCardEn, scannerEn, navigationEn, layoutEn, demoEn, journey13En] as const;

/**
 * The English strings of the first screens (the base file and eager parts):
 * not in the page's first script, loaded once the page has painted and
 * before a resident can start or switch to English (i18n/index.ts loadEnglish).
 */
export const firstEnglish = [enBase, ...eagerEn] as const;
