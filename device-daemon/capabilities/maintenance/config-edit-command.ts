import type { CommandResult } from '../../../contract/api';
import type { CapabilityContext } from '../../capability';
import { setConfigPath } from '../../config/config-edit';
import { applyLive } from '../../config/live-settings';
import { guarded } from './refused-input';

/** Who changed a setting, as the audit trail records it. */
export type ConfigEditedBy = 'maintenance screen' | 'kioskctl';

/**
 * One setting changed in the running terminal, wherever the technician is
 * (the settings page, kioskctl): saved through the schema and the durable
 * save (refused field by field, nothing written), audited, and copied into
 * the running config when the daemon reads it on every use — the pages are
 * told to fetch it again — else answered as needing a restart.
 */
export function editConfig(ctx: CapabilityContext, configPath: string, path: string, value: unknown, by: ConfigEditedBy): CommandResult<'config.set'> {
  const saved = guarded(() => setConfigPath(configPath, path, value));
  if (!saved.ok) return { saved: false as const, problems: saved.problems };
  ctx.bus.emit('audit', { action: 'maintenance.configChanged', detail: { path, by } });
  if (applyLive(ctx.config, saved.config, path)) {
    ctx.emit('maintenance.configApplied', { paths: [path] });
    return { saved: true as const, restartNeeded: false, applied: true, note: 'saved (the previous file is kept as .bak) and applied now' };
  }
  return { saved: true as const, restartNeeded: true, applied: false, note: 'saved (the previous file is kept as .bak); the running daemon uses it after a restart' };
}
