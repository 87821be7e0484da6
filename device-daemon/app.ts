import { randomBytes, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { loadConfig } from './config/load';
import type { KioskConfig } from './config/schema';
import { createLogger } from './log';
import { DeviceRegistry } from './devices/registry';
import { CommandRouter } from './api/router';
import { ApiServer } from './api/server';
import { performSim, registerSystemHandlers, systemStatus, type SystemDeps } from './api/system-handlers';
import { ROOT_DIR, VERSION } from './version';
import type { DeviceStatus } from '../contract/api';
import type { CapabilityContext, Service } from './capability';
import { CAPABILITIES } from './capabilities';
import { Bus } from './bus';

export interface DaemonOptions {
  configPath: string;
  /** Overrides server.port (tests use 0 for an ephemeral port). */
  port?: number;
  /** Overrides storage.path and logging.dir base (tests use a temp dir). */
  dataDir?: string;
  serveUi?: boolean;
  /** Extra origins allowed to open the API (the Vite dev server in `npm run dev`). */
  extraOrigins?: string[];
  quiet?: boolean;
}


export interface Daemon {
  config: KioskConfig;
  url: string;
  port: number;
  token: string;
  log: Logger;
  registry: DeviceRegistry;
  stop(): Promise<void>;
}

export async function startDaemon(opts: DaemonOptions): Promise<Daemon> {
  const loaded = loadConfig(opts.configPath);
  const config = applyOverrides(loaded, opts);
  const log = createLogger({ level: config.logging.level, dir: config.logging.dir, quiet: opts.quiet });
  const startedAt = Date.now();
  const bootId = randomUUID();
  const token = randomBytes(32).toString('base64url');
  const services: Service[] = [];

  const bus = new Bus();
  const registry = new DeviceRegistry({ config, log, bus });
  const router = new CommandRouter(log);
  const systemDeps: SystemDeps = { config, registry, version: VERSION, bootId, startedAt, sessionWipers: [] };
  registerSystemHandlers(router, systemDeps);
  const healthSections: Record<string, () => unknown> = {};
  let broadcast: (e: { kind: 'event'; name: string; data: unknown }) => void = () => {};
  const capCtx: CapabilityContext = {
    config,
    log,
    router,
    registry,
    emit: (name, data) => broadcast({ kind: 'event', name, data }),
    bus,
    addService: (s) => services.push(s),
    addSessionWiper: (w) => systemDeps.sessionWipers.push(w),
    addHealth: (section, read) => (healthSections[section] = read),
  };
  try {
    for (const [name, register] of CAPABILITIES) {
      log.debug({ capability: name }, 'registering');
      await register(capCtx);
    }
  } catch (err) {
    for (const s of services.reverse()) await s.stop();
    throw err;
  }

  // Session data never outlives the page that used it: wiped when a UI
  // connection opens or closes, and when no command came for longer than the
  // UI's own idle timeout + warning while a card record is still held (a page
  // that hung or lost its session.end).
  let lastActivity = Date.now();
  const boundaryWipe = (why: string) => {
    const wiped = [...registry.wipeSession(), ...systemDeps.sessionWipers.flatMap((w) => w({ boundary: true }))];
    if (wiped.length) log.info({ why, wiped }, 'session data wiped');
  };
  const idleLimitMs = (config.session.idleTimeoutSeconds + config.session.warningSeconds + 5) * 1000;
  const idleTimer = setInterval(() => {
    const reader = registry.get('idCardReader') as { sessionRecord?: () => unknown } | undefined;
    if (Date.now() - lastActivity > idleLimitMs && reader?.sessionRecord?.()) boundaryWipe('idleDeadline');
  }, Math.min(5000, idleLimitMs));
  idleTimer.unref();
  services.push({ name: 'sessionIdleWatch', stop: () => clearInterval(idleTimer) });

  const host = config.server.host;
  const origins = new Set<string>(opts.extraOrigins ?? []);
  const hosts = new Set<string>();
  const server = new ApiServer({
    host,
    port: config.server.port,
    uiDir: join(ROOT_DIR, 'kiosk-ui', 'dist'),
    policy: { token, origins, hosts },
    router,
    log,
    serveUi: opts.serveUi,
    onSessionBoundary: (why) => boundaryWipe(why),
    onActivity: () => (lastActivity = Date.now()),
    routes: {
      health: () => ({
        ...systemStatus(systemDeps),
        status: healthState(registry.statuses()),
        config: configSummary(config),
        ...Object.fromEntries(Object.entries(healthSections).map(([k, read]) => [k, read()])),
      }),
      simControl: registry.simulatedIds().length > 0
        ? (device, action, param) => performSim(registry, device, action, param)
        : undefined,
    },
  });

  broadcast = (e) => server.broadcast(e);
  // Listen before touching devices: a port clash must fail before anything half-starts.
  let port: number;
  try {
    port = await server.listen();
  } catch (err) {
    for (const s of services.reverse()) await s.stop();
    throw err;
  }
  const hostPart = host === '::1' ? '[::1]' : host;
  for (const h of [`${hostPart}:${port}`, `localhost:${port}`]) {
    hosts.add(h);
    origins.add(`http://${h}`);
  }

  registry.onStatus((status) => {
    log.info({ device: status.device, state: status.state, reason: status.reason, detail: status.detail }, 'device status');
    server.broadcast({ kind: 'event', name: 'device.status', data: status });
  });
  await registry.startAll();

  let stopping: Promise<void> | undefined;
  const daemon: Daemon = {
    config,
    url: `http://${hostPart}:${port}/`,
    port,
    token,
    log,
    registry,
    stop: () =>
      (stopping ??= (async () => {
        log.info('shutting down');
        // One part failing to stop never keeps the others (the store above all) from closing.
        const step = async (what: string, fn: () => Promise<void> | void) => {
          try {
            await fn();
          } catch (err) {
            log.error({ what, err: (err as Error).message }, 'stop failed');
          }
        };
        await step('server', () => server.close());
        await step('devices', () => registry.stopAll());
        for (const s of services.reverse()) await step(s.name, () => s.stop());
        log.info('stopped');
        log.flush?.();
      })()),
  };
  return daemon;
}

function applyOverrides(config: KioskConfig, opts: DaemonOptions): KioskConfig {
  const out = structuredClone(config);
  if (opts.port !== undefined) out.server.port = opts.port;
  if (opts.dataDir) {
    out.storage.path = join(opts.dataDir, 'kiosk.db');
    out.logging.dir = join(opts.dataDir, 'log');
  } else {
    out.storage.path = resolve(ROOT_DIR, out.storage.path);
    out.logging.dir = resolve(ROOT_DIR, out.logging.dir);
  }
  return out;
}

function healthState(statuses: DeviceStatus[]): 'ok' | 'degraded' {
  return statuses.every((s) => s.state === 'online' || s.state === 'busy') ? 'ok' : 'degraded';
}

/** Config as /health shows it: no PIN hash, no secrets. */
export function configSummary(config: KioskConfig) {
  return {
    terminalId: config.terminalId,
    site: { name: config.site.name, kind: config.site.kind },
    locale: config.locale,
    devices: Object.fromEntries(Object.entries(config.devices).map(([k, v]) => [k, v.driver])),
    platform: config.platform.mode,
    server: config.server,
  };
}
