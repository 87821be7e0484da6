import type { TechnicianAuth } from '../../auth/technician-auth';
import type { CapabilityContext } from '../../capability';
import { getByPath, withoutPinHash } from '../../config/config-edit';
import { ConfigError, loadConfig } from '../../config/load';
import { editConfig } from './config-edit-command';
import { type BindRoot, bindPort } from './device-bind-command';
import { technicianRefusal } from './pin-refusal';

/**
 * config.get, config.set and devices.bind: kioskctl's `config get|set` and
 * `devices bind` while the daemon runs. The PIN is checked by the one TechnicianAuth (the config holds the
 * fleet link's credentials); no maintenance session is opened, so a resident
 * at the screen is not interrupted. A change goes through the same editConfig
 * as the settings page, so it is applied live where the page's would be.
 */
export function registerConfigCommands(ctx: CapabilityContext, root: BindRoot & { auth: TechnicianAuth }): void {
  const verified = async (pin: string, action: string) => {
    const outcome = await root.auth.verify(pin, action);
    if (!outcome.ok) throw technicianRefusal(outcome, 'technician actions are');
  };
  ctx.router.register('config.get', async ({ pin, path }) => {
    await verified(pin, 'config get');
    const running = withoutPinHash(ctx.config);
    const at = (config: Record<string, unknown>) => (path ? getByPath(config, path) : config);
    try {
      return { running: at(running), file: at(withoutPinHash(loadConfig(root.configPath))) };
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      return { running: at(running), fileProblems: err.problems };
    }
  });
  ctx.router.register('config.set', async ({ pin, path, value }) => {
    await verified(pin, 'config set');
    return editConfig(ctx, root.configPath, path, value, 'kioskctl');
  });
  ctx.router.register('devices.bind', async ({ pin, role, portId }) => {
    await verified(pin, 'devices bind');
    return bindPort(ctx, root, role, portId, 'kioskctl');
  });
}
