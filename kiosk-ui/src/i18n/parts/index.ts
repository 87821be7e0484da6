import { eagerEn, eagerZh } from './eager';
import { journeyEn, journeyZh } from './journeys';
import { maintenanceEn, maintenanceZh } from './maintenance';

// One file per journey and language, so parallel work never edits one big
// file. Listed (not globbed) so that their keys are types: a part added to the
// folder but not listed in eager.ts, journeys.ts or maintenance.ts is caught by
// tests/kiosk-ui/i18n/locales.test.ts. The page imports only the types from
// here; eager.ts is in its first script, journeys.ts comes with the journeys.
export const zhParts = [...eagerZh, ...journeyZh, ...maintenanceZh] as const;
export const enParts = [...eagerEn, ...journeyEn, ...maintenanceEn] as const;
