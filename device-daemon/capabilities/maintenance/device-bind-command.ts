import type { CommandResult } from '../../../contract/api';
import { ApiFailure } from '../../api/router';
import type { CapabilityContext } from '../../capability';
import { type DeviceRole, bindDevice } from '../../devices/discovery/device-binding';
import { type DiscoveryOptions, discoverPorts, findPort } from '../../devices/discovery/discover';
import { type ProbeOptions, probeDevice } from '../../devices/discovery/probe';
import type { ConfigEditedBy } from './config-edit-command';
import { guarded } from './refused-input';

/** Where a binding is written and how ports are found (tests give other listers). */
export interface BindRoot {
  configPath: string;
  discovery?: DiscoveryOptions & ProbeOptions;
}

/**
 * A discovered port bound to a device role in the running terminal, wherever
 * the technician is (the ports page, kioskctl): found again by its id, written
 * by stable identity through the schema check and the durable save, audited,
 * then probed in the device's own protocol. The daemon keeps the device it
 * opened at start (re-opening one device under a resident's journey is not
 * done live), so the binding is used after a restart.
 */
export async function bindPort(ctx: CapabilityContext, root: BindRoot, role: DeviceRole, portId: string, by: ConfigEditedBy): Promise<CommandResult<'devices.bind'>> {
  const port = findPort(await discoverPorts(root.discovery), portId);
  if (!port) throw new ApiFailure('notFound', `no port ${portId} is attached now: list them again`);
  const saved = guarded(() => bindDevice(root.configPath, role, port));
  if (!saved.ok) throw new ApiFailure('invalidArgs', 'the config would be invalid', saved.problems);
  ctx.bus.emit('audit', { action: 'maintenance.deviceBound', detail: { role, portId, by } });
  const probe = await probeDevice(role, saved.section ?? {}, root.discovery);
  return { section: saved.section ?? {}, probe, applied: false as const, restartNeeded: true as const };
}
