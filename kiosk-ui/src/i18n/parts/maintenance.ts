import maintenanceZhCN from './maintenance.zh-CN.json';
import maintenanceEnUS from './maintenance.en.json';

/** Maintenance mode's strings: loaded with its screens at the technician's gesture (maintenance/maintenance-host.tsx), never in the page's first script. */
export const maintenanceZh = [maintenanceZhCN] as const;
export const maintenanceEn = [maintenanceEnUS] as const;
