import { MAINTENANCE_IDLE_MINUTES } from '../../../contract/api/maintenance';
import { ApiFailure } from '../../api/router';
import type { TechnicianAuth } from '../../auth/technician-auth';
import type { Capability, CapabilityContext } from '../../capability';
import { readConfigForDisplay, withoutPinHash } from '../../config/config-edit';
import { loadConfig } from '../../config/load';
import { type DiscoveryOptions, discoverPorts } from '../../devices/discovery/discover';
import type { ProbeOptions } from '../../devices/discovery/probe';
import type { SessionWipe } from '../session/session-wipe';
import { SESSION_COMMANDS } from '../session/session-commands';
import { CardTest } from './card-test';
import { bindPort } from './device-bind-command';
import { registerConfigCommands } from './config-commands';
import { MaintenanceSession } from './maintenance-session';
import { technicianRefusal } from './pin-refusal';
import { registerTechnicianCardRead } from './technician-card-read';
import { registerTechnicianTools, type ToolsRoot } from './technician-tools';

export interface MaintenanceRoot extends ToolsRoot {
  auth: TechnicianAuth;
  wipe: Pick<SessionWipe, 'wipe'>;
  /** Other listers and links (tests); default the machine's serial ports, node-hid and native links. */
  discovery?: DiscoveryOptions & ProbeOptions;
}

/**
 * 维护模式 in the daemon (after XFS4IoT's VendorMode): maintenance.enter
 * checks the technician PIN through the one TechnicianAuth (scrypt,
 * constant-time, the lockout ledger on disk), then ends and wipes the
 * resident session and refuses residents' commands with maintenanceMode until
 * the technician leaves or the maintenance session's idle timeout ends it.
 * The devices stay with the daemon, used only by the technician's tests. Port
 * discovery, binding and config edits need the session's token and save
 * through saveConfig.
 */
export function createMaintenanceCapability(ctx: CapabilityContext, root: MaintenanceRoot): Capability {
  const { router, bus, services, log } = ctx;
  const mlog = log.child({ capability: 'maintenance' });
  const card = new CardTest(ctx);
  const session = new MaintenanceSession(services.clock, MAINTENANCE_IDLE_MINUTES * 60_000, (reason) => {
    card.forget();
    mlog.info({ reason }, 'maintenance mode ended');
    bus.emit('audit', { action: 'maintenance.left', detail: { reason } });
    ctx.emit('maintenance.changed', { active: false, reason });
  });
  const authorised = (token: string) => {
    if (!session.use(token)) throw new ApiFailure('maintenanceRequired', 'no maintenance session with this token: enter maintenance mode with the technician PIN');
  };

  return {
    name: 'maintenance',
    start() {
      router.setGate((name) =>
        session.active && SESSION_COMMANDS.has(name)
          ? new ApiFailure('maintenanceMode', 'the terminal is in maintenance mode: residents’ journeys are stopped until the technician leaves')
          : undefined,
      );
      router.register('maintenance.status', () => {
        const s = root.auth.state();
        const locked = s.lockedUntil !== null && s.lockedUntil > services.clock.now();
        return { active: session.active, lockedUntil: locked ? s.lockedUntil : null, failures: s.failures, tries: s.totals.tries, gesture: ctx.config.technician.gesture };
      });
      router.register('maintenance.enter', async ({ pin }) => {
        const outcome = await root.auth.verify(pin, 'maintenance mode');
        if (!outcome.ok) throw technicianRefusal(outcome, 'maintenance mode is');
        const token = session.begin();
        const wiped = root.wipe.wipe();
        mlog.info({ wiped, demoPin: outcome.demo }, 'maintenance mode entered: resident session ended and wiped');
        bus.emit('audit', { action: 'maintenance.entered', detail: { wiped: wiped.length } });
        ctx.emit('maintenance.changed', { active: true, reason: 'entered' });
        return { token, idleMinutes: MAINTENANCE_IDLE_MINUTES, demoPin: outcome.demo };
      });
      router.register('maintenance.leave', ({ token }) => {
        authorised(token);
        session.end('left');
        return { left: true as const };
      });
      router.register('maintenance.devices.discover', async ({ token }) => {
        authorised(token);
        return discoverPorts(root.discovery);
      });
      router.register('maintenance.devices.bind', async ({ token, role, portId }) => {
        authorised(token);
        const { applied: _, ...bound } = await bindPort(ctx, root, role, portId, 'maintenance screen');
        return bound;
      });
      router.register('maintenance.config.get', ({ token }) => {
        authorised(token);
        return { config: readConfigForDisplay(root.configPath), effective: withoutPinHash(loadConfig(root.configPath)) };
      });
      registerTechnicianTools(ctx, root, authorised, card);
      registerConfigCommands(ctx, root);
      registerTechnicianCardRead(ctx, root.auth, card, () => session.active);
    },
    stop() {
      session.end('left');
    },
  };
}
