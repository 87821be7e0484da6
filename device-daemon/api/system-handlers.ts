import type { KioskConfig } from '../config/schema';
import type { DeviceRegistry } from '../devices/registry';
import { DeviceCommandError } from '../devices/device';
import { ApiFailure, type CommandRouter } from './router';
import type { DeviceId, DeviceStatus, SimAction, SystemStatus } from '../../contract/api';

export interface SystemDeps {
  config: KioskConfig;
  registry: DeviceRegistry;
  version: string;
  bootId: string;
  startedAt: number;
  /** Extra wipers registered by capabilities that hold session data outside devices (flows, store drafts). */
  sessionWipers: Array<(opts?: { boundary?: boolean }) => string[]>;
}

export function describeHours(hours: KioskConfig['site']['hours']): string {
  if (hours === '24h') return '24h';
  return hours.map((h) => `${h.days.join(',')} ${h.open}-${h.close}`).join('; ');
}

export function systemStatus(d: SystemDeps): SystemStatus {
  const { config } = d;
  return {
    version: d.version,
    bootId: d.bootId,
    uptimeSec: Math.round((Date.now() - d.startedAt) / 1000),
    terminalId: config.terminalId,
    simulated: d.registry.simulatedIds().length > 0,
    site: {
      name: config.site.name,
      district: config.site.district,
      kind: config.site.kind,
      address: config.site.address,
      open24h: config.site.hours === '24h',
      hoursText: describeHours(config.site.hours),
      phones: config.site.phones,
    },
    locale: config.locale,
    elderModeDefault: config.elderModeDefault,
    session: config.session,
    privacy: { retentionDays: config.storage.retentionDays },
    links: { progressUrlTemplate: config.links.progressUrlTemplate, evaluationUrlTemplate: config.links.evaluationUrlTemplate },
    devices: d.registry.statuses(),
  };
}

export function registerSystemHandlers(router: CommandRouter, d: SystemDeps): void {
  router.register('system.status', () => systemStatus(d));
  router.register('system.ping', () => ({ time: new Date().toISOString() }));
  router.register('session.end', () => ({ wiped: [...d.registry.wipeSession(), ...d.sessionWipers.flatMap((w) => w())] }));
  router.register('sim.control', async ({ device, action, param }) => ({ device, action, status: await performSim(d.registry, device, action, param) }));
}

/** One path for simulator controls, from the API (training UI) and from POST /sim (developers, tests). */
export async function performSim(registry: DeviceRegistry, device: DeviceId, action: SimAction, param?: string): Promise<DeviceStatus> {
  const dev = registry.get(device);
  if (!dev) throw new ApiFailure('noDevice', `no device ${device}`);
  const sim = registry.simulatorOf(device);
  if (!sim) throw new ApiFailure('notSupported', `${device} is not simulated (driver ${dev.driver}): simulator controls act only on simulated devices`);
  if (!sim.actions.includes(action)) {
    throw new ApiFailure('notSupported', `${device} simulator cannot ${action}; it can: ${sim.actions.join(', ')}`);
  }
  try {
    await sim.perform(action, param);
  } catch (err) {
    if (err instanceof DeviceCommandError) throw new ApiFailure(err.code, err.message);
    throw err;
  }
  return dev.status();
}
