import { readFileSync } from 'node:fs';
import type { PageStatus } from '../../../contract/api';
import { dirname, join } from 'node:path';
import type { Capability, CapabilityContext } from '../../capability';
import type { KioskConfig } from '../../config/schema';
import { FleetLink, type FleetCredentials } from '../../fleet/fleet-link';
import { OfflineQueue } from '../../fleet/offline-queue';
import { dispatchRpc } from '../../fleet/rpc-dispatch';
import { CatalogAtIdle } from './catalog-at-idle';
import { clientAttributes } from './client-attributes';
import { applyOverlay } from './config-overlay';
import { type DaemonControl, type PageControl, rpcTable } from './rpc-handlers';
import { deviceTelemetry, TelemetrySource } from './telemetry';

/** What the composition root gives the fleet capability besides the context. */
export interface FleetRoot {
  version: string;
  startedAt: number;
  /** The config file the overlay is saved into (none in in-process rigs: overlays are then refused). */
  configPath?: string;
  page?: PageControl;
  daemon?: DaemonControl;
}

/** The last telemetry may take this long to leave at shutdown. */
const STOP_FLUSH_MS = 3000;
const SHARED_KEYS = ['config', 'catalogVersion'] as const;

/**
 * The terminal as a device of the district's fleet (ThingsBoard's device
 * API over MQTT): telemetry every period and on a device change, client
 * attributes at connect, the shared-attribute config overlay and catalog
 * version, and the allow-listed RPCs. Off without `fleet` in the config.
 */
export function createFleetCapability(ctx: CapabilityContext, root: FleetRoot): Capability {
  const fleet = ctx.config.fleet;
  if (!fleet) return { name: 'fleet', start: () => ctx.addHealth('fleet', () => ({ state: 'off' })), stop: () => {} };
  const { services, log } = ctx;
  const flog = log.child({ capability: 'fleet' });
  const residentActive = () => services.sessionCard.sessionCard() !== undefined || services.sessionCases.size > 0;
  // The page's liveness as the system capability announces it (it changes only when the page goes or comes back).
  let page: PageStatus['state'] = 'waiting';
  const telemetry = new TelemetrySource(ctx, root.startedAt, { state: () => page });
  // The page reloads itself on a typed event; the RPC is refused during a resident session like the others, so nobody's screen is pulled away.
  const reloadPage: PageControl = {
    reloadPage: () => {
      ctx.emit('page.reload', { reason: 'fleet' });
      return { sent: true, page };
    },
  };
  const table = rpcTable({ ctx, telemetry, page: root.page ?? reloadPage, daemon: root.daemon });
  const queue = new OfflineQueue(join(dirname(ctx.config.storage.path), 'fleet-queue.db'), fleet.queueMax);
  let link: FleetLink | undefined;
  const report = (values: Record<string, unknown>) => link?.attributes(values);
  const catalog = new CatalogAtIdle(ctx, residentActive, (r) => report({ catalogFetch: { ...r, at: new Date(services.clock.now()).toISOString() } }));
  const offs: Array<() => void> = [];

  const onShared = (values: Record<string, unknown>): void => {
    if ('config' in values) {
      const r = root.configPath ? applyOverlay(root.configPath, ctx.config, values.config) : { status: 'rejected' as const, problems: ['this daemon runs without a config file to save into'] };
      if (r.status === 'rejected') flog.warn({ problems: r.problems }, 'fleet config overlay refused; nothing changed');
      else if (r.status === 'applied') flog.info(r, 'fleet config overlay saved');
      report({ configOverlay: { ...r, at: new Date(services.clock.now()).toISOString() }, ...(r.status === 'applied' ? clientAttributes(ctx, root.version) : {}) });
    }
    if ('catalogVersion' in values) catalog.want(values.catalogVersion);
  };

  const sendSnapshot = async (): Promise<void> => {
    link?.telemetry({ ...(await telemetry.snapshot()), 'fleet.queueDropped': queue.status().dropped });
    void catalog.tryNow();
  };

  return {
    name: 'fleet',
    start() {
      link = new FleetLink({
        url: fleet.url,
        clientId: `kiosk-${ctx.config.terminalId}`,
        credentials: credentials(fleet),
        keepaliveSec: fleet.keepaliveSeconds,
        reconnect: fleet.reconnect,
        queue,
        now: () => services.clock.now(),
        log: flog,
        sharedKeys: SHARED_KEYS,
        clientAttributes: () => clientAttributes(ctx, root.version),
        onShared,
        onRpc: (method, params) => dispatchRpc(table, method, params, residentActive),
      });
      link.start();
      ctx.addHealth('fleet', () => link?.status());
      offs.push(
        services.devices.registry.onStatus((s) => link?.telemetry(deviceTelemetry(s))),
        ctx.bus.on('pageStatus', (p) => {
          page = p.state;
          link?.telemetry({ 'page.state': p.state });
        }),
        services.clock.every(fleet.telemetrySeconds * 1000, () => void sendSnapshot()),
      );
      ctx.addSessionWiper(() => {
        // The resident has gone: a catalog that waited for idle can come in now.
        queueMicrotask(() => void catalog.tryNow());
        return [];
      });
      void sendSnapshot();
    },
    async stop() {
      for (const off of offs.splice(0)) off();
      if (link) {
        link.telemetry({ ...(await telemetry.snapshot()), 'fleet.stopping': true });
        await link.stop(STOP_FLUSH_MS);
      }
      telemetry.stop();
      queue.close();
    },
  };
}

function credentials(fleet: NonNullable<KioskConfig['fleet']>): FleetCredentials {
  return {
    ...(fleet.accessToken !== undefined ? { username: fleet.accessToken } : {}),
    ...(fleet.password !== undefined ? { password: fleet.password } : {}),
    ...(fleet.clientCert && fleet.clientKey ? { cert: readFileSync(fleet.clientCert), key: readFileSync(fleet.clientKey) } : {}),
    ...(fleet.ca ? { ca: readFileSync(fleet.ca) } : {}),
  };
}
