import type { DeviceId, DeviceStatus, SimAction, SystemStatus } from '../../../contract/api';
import { ApiFailure } from '../../api/router';
import type { Capability, CapabilityContext } from '../../capability';
import type { KioskConfig } from '../../config/schema';
import type { DeviceRegistry } from '../../devices/registry';
import type { StoreService } from '../../store/store-service';
import { answering } from '../failures';
import { PageWatch } from './page-watch';

/** What this boot of the daemon is. */
export interface BootInfo {
  version: string;
  bootId: string;
  startedAt: number;
}

export interface SystemCapability extends Capability {
  /** system.status, also the head of /health. */
  status(): SystemStatus;
}

/** The page that stopped beating is news for a technician (log, /health) and for the fleet link (the bus). */
function watchPage(ctx: CapabilityContext): PageWatch {
  return new PageWatch(ctx.services.clock, (page) => {
    if (page.state === 'gone') ctx.log.warn({ page }, 'kiosk page gone: no heartbeat');
    else ctx.log.info({ page }, 'kiosk page heartbeat');
    ctx.bus.emit('pageStatus', page);
  });
}

/**
 * system.status, system.ping and sim.control (the simulator controls of the
 * training UI); the store's state beside the devices' (store.status: the page
 * stops offering submissions while the store cannot take them); the page's
 * heartbeat (page.heartbeat), whose silence /health reports as `page: gone`.
 */
export function createSystemCapability(ctx: CapabilityContext, boot: BootInfo): SystemCapability {
  const { config, router, services } = ctx;
  const { registry } = services.devices;
  const status = (): SystemStatus => systemStatus(config, registry, services.store, boot, services.clock.now());
  let off: (() => void) | undefined;
  const page = watchPage(ctx);
  return {
    name: 'system',
    status,
    start() {
      off = services.store.onChange((s) => ctx.emit('store.status', s));
      router.register('system.status', () => status());
      router.register('system.ping', () => ({ time: new Date(services.clock.now()).toISOString() }));
      router.register('page.heartbeat', () => {
        page.beat();
        return page.status();
      });
      ctx.addHealth('page', () => page.status());
      page.start();
      router.register('sim.control', ({ device, action, param }) => answering(async () => ({ device, action, status: await performSim(registry, device, action, param) })));
    },
    stop() {
      off?.();
      page.stop();
    },
  };
}

function describeHours(hours: KioskConfig['site']['hours']): string {
  if (hours === '24h') return '24h';
  return hours.map((h) => `${h.days.join(',')} ${h.open}-${h.close}`).join('; ');
}

function systemStatus(config: KioskConfig, registry: DeviceRegistry, store: StoreService, boot: BootInfo, now: number): SystemStatus {
  return {
    version: boot.version,
    bootId: boot.bootId,
    uptimeSec: Math.round((now - boot.startedAt) / 1000),
    terminalId: config.terminalId,
    simulated: registry.simulatedIds().length > 0,
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
    devices: registry.statuses(),
    store: store.status(),
  };
}

/**
 * One path for simulator controls, from the API (training UI) and from POST
 * /sim (developers, tests): only devices configured and running as simulated
 * answer. A refused control (DeviceCommandError) is the caller's to map.
 */
export async function performSim(registry: DeviceRegistry, device: DeviceId, action: SimAction, param?: string): Promise<DeviceStatus> {
  const dev = registry.get(device);
  if (!dev) throw new ApiFailure('noDevice', `no device ${device}`);
  const sim = registry.simulatorOf(device);
  if (!sim) throw new ApiFailure('notSupported', `${device} is not simulated (driver ${dev.driver}): simulator controls act only on simulated devices`);
  if (!sim.actions.includes(action)) {
    throw new ApiFailure('notSupported', `${device} simulator cannot ${action}; it can: ${sim.actions.join(', ')}`);
  }
  await sim.perform(action, param);
  return dev.status();
}
