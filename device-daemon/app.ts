import { randomBytes, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { DeviceStatus, SystemStatus } from '../contract/api';
import { CommandRouter } from './api/router';
import { ApiServer } from './api/server';
import { Bus } from './bus';
import { createCapabilities } from './capabilities';
import { SessionWipe } from './capabilities/session/session-wipe';
import { performSim } from './capabilities/system';
import type { Capability, CapabilityContext } from './capability';
import { systemClock, type Clock } from './clock';
import { loadConfig } from './config/load';
import type { KioskConfig } from './config/schema';
import { DeviceRegistry } from './devices/registry';
import { deviceStatusLogLevel } from './devices/status-log-level';
import { createDaemonLog } from './log';
import { createServices } from './services';
import { ROOT_DIR, VERSION } from './version';

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
  /** The daemon's time and timers (default: the system clock). */
  clock?: Clock;
  /** How maintenance.restart stops this process cleanly (main.ts: its own shutdown); absent, the command is refused. */
  restart?: { stop: () => void; supervised: boolean };
}

export interface Daemon {
  config: KioskConfig;
  url: string;
  port: number;
  token: string;
  log: Logger;
  registry: DeviceRegistry;
  /** The store's handle answers a trivial read (true while it is not open: it says why in /health, and a restart would not open it). */
  storeAnswers(): boolean;
  stop(): Promise<void>;
}

/**
 * The composition root: config and log, the devices, the services (store,
 * catalog, calendar, session card, print path, clock), then the capabilities
 * in order, then the API server; devices start once the port is ours.
 */
export async function startDaemon(opts: DaemonOptions): Promise<Daemon> {
  const config = applyOverrides(loadConfig(opts.configPath), opts);
  const logFile = createDaemonLog({ ...config.logging, quiet: opts.quiet });
  const { log } = logFile;
  const clock = opts.clock ?? systemClock;
  const boot = { version: VERSION, bootId: randomUUID(), startedAt: clock.now() };
  const token = randomBytes(32).toString('base64url');

  const bus = new Bus();
  const registry = new DeviceRegistry({ config, log, bus }, [], { demo: config.demo.trainingRoom });
  const router = new CommandRouter(log);
  const services = createServices({ config, log, registry, clock });
  const wipe = new SessionWipe(registry);
  const sections: Record<string, () => unknown> = {
    store: () => services.store.health(),
    log: () => logFile.health(),
    calendar: () => services.calendar.coverage(clock.now()),
  };
  let broadcast: (e: { kind: 'event'; name: string; data: unknown }) => void = () => {};
  const ctx: CapabilityContext = {
    config,
    log,
    router,
    bus,
    emit: (name, data) => broadcast({ kind: 'event', name, data }),
    addSessionWiper: (w) => wipe.add(w),
    addHealth: (section, read) => (sections[section] = read),
    services,
  };
  const { all, system, session, staff } = createCapabilities(ctx, { boot, wipe, configPath: opts.configPath, restart: opts.restart });
  const started: Capability[] = [];
  const stopCapabilities = async (step: (what: string, fn: () => Promise<void> | void) => Promise<void>) => {
    for (const c of started.splice(0).reverse()) await step(c.name, () => c.stop());
    await step('store', () => services.store.close());
  };
  /** Start-up failed (a capability, the port): what started is stopped and the store closed, then the error is the answer. */
  const failed = async (err: unknown): Promise<never> => {
    await stopCapabilities(stepLogged(log));
    await logFile.settle();
    throw err;
  };

  services.store.open();
  try {
    for (const c of all) {
      log.debug({ capability: c.name }, 'starting');
      await c.start();
      started.push(c);
    }
  } catch (err) {
    return failed(err);
  }

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
    limits: config.server.limits,
    clock,
    serveUi: opts.serveUi,
    observer: { command: (connId, name) => session.command(connId, name), closed: (connId) => session.disconnected(connId) },
    routes: {
      health: () => {
        const head = system.status();
        return { ...head, status: healthState(head, logFile.health().state), config: configSummary(config), ...readSections(sections) };
      },
      staff: (req, res, url) => staff.handle(req, res, url, origins),
      simControl: registry.simulatedIds().length > 0 ? (device, action, param) => performSim(registry, device, action, param) : undefined,
    },
  });

  broadcast = (e) => server.broadcast(e);
  // Listen before touching devices: a port clash must fail before anything half-starts.
  let port: number;
  try {
    port = await server.listen();
  } catch (err) {
    return failed(err);
  }
  const hostPart = host === '::1' ? '[::1]' : host;
  for (const h of [`${hostPart}:${port}`, `localhost:${port}`]) {
    hosts.add(h);
    origins.add(`http://${h}`);
  }

  const lastStatus = new Map<string, DeviceStatus>();
  registry.onStatus((status) => {
    log[deviceStatusLogLevel(lastStatus.get(status.device), status)]({ device: status.device, state: status.state, reason: status.reason, detail: status.detail }, 'device status');
    lastStatus.set(status.device, status);
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
    storeAnswers: () => {
      const open = services.store.current();
      if (!open) return true;
      try {
        open.store.db.prepare('SELECT 1').get();
        return true;
      } catch {
        return false;
      }
    },
    stop: () =>
      (stopping ??= (async () => {
        log.info('shutting down');
        const step = stepLogged(log);
        await step('server', () => server.close());
        await step('devices', () => registry.stopAll());
        await stopCapabilities(step);
        log.info('stopped');
        await logFile.settle();
        logFile.close();
      })()),
  };
  return daemon;
}

/** One part failing to stop never keeps the others (the store above all) from closing: the failure is logged. */
function stepLogged(log: Logger) {
  return async (what: string, fn: () => Promise<void> | void): Promise<void> => {
    try {
      await fn();
    } catch (err) {
      log.error({ what, err: (err as Error).message }, 'stop failed');
    }
  };
}

function readSections(sections: Record<string, () => unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(sections).map(([k, read]) => [k, read()]));
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

/** ok only when every device works, the store takes submissions and the log can be written. */
function healthState(head: SystemStatus, log: 'ok' | 'degraded'): 'ok' | 'degraded' {
  return head.devices.every((s) => s.state === 'online' || s.state === 'busy') && head.store.state === 'ok' && log === 'ok' ? 'ok' : 'degraded';
}

/** Config as /health shows it: no PIN hash, no secrets. */
function configSummary(config: KioskConfig) {
  return {
    terminalId: config.terminalId,
    site: { name: config.site.name, kind: config.site.kind },
    locale: config.locale,
    devices: Object.fromEntries(Object.entries(config.devices).map(([k, v]) => [k, v.driver])),
    platform: config.platform.mode,
    server: config.server,
  };
}
