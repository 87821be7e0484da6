import { eagerZh } from './eager';
import { eagerEn } from './english';
import { journeyEn, journeyZh } from './journeys';
import { maintenanceEn, maintenanceZh } from './maintenance';

// One file per journey and language, so parallel work never edits one big
// file. Listed (not globbed) so that their keys are types: a part added to the
// folder but not listed in eager.ts, english.ts, journeys.ts or maintenance.ts is caught by
// tests/kiosk-ui/i18n/locales.test.ts. The page imports only the types from
// here; eager.ts is in its first script, english.ts comes after the first paint, journeys.ts with the journeys.
export const zhParts = [...eagerZh, ...journeyZh, ...maintenanceZh] as const;
export const enParts = [...eagerEn, ...journeyEn, ...maintenanceEn] as const;
