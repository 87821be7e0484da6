import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandRouter } from '../../../device-daemon/api/router';
import { Bus } from '../../../device-daemon/bus';
import { storeCapabilities } from '../../../device-daemon/capabilities';
import { CalendarSource } from '../../../device-daemon/calendar/calendar-source';
import type { Logger } from 'pino';
import type { Capability, CapabilityContext, Devices, PrintPath, SessionWiper } from '../../../device-daemon/capability';
import type { ConsentHolder } from '../../../device-daemon/capabilities/session-consent';
import { SessionStaff } from '../../../device-daemon/capabilities/session-staff';
import type { CatalogStore } from '../../../device-daemon/catalog/catalog-store';
import { systemClock, type Clock } from '../../../device-daemon/clock';
import { KioskConfig } from '../../../device-daemon/config/schema';
import type { SessionCard, SessionCardHolder } from '../../../device-daemon/devices/id-card/session-card';
import type { DeviceRegistry } from '../../../device-daemon/devices/registry';
import { createLogger } from '../../../device-daemon/log';
import { StoreService } from '../../../device-daemon/store/store-service';
import { loadShipped } from '../../helpers/catalog';
import { waitUntil } from '../../helpers/wait';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type WebSocket from 'ws';
import { ROOT, spawnDaemon, type SpawnedDaemon } from '../../helpers/daemon';

// Capabilities in-process, built as the composition root builds them: the
// real router (contract-checked both ways), a real SQLite file in a temp dir,
// the shipped catalog, and injectable services (the session card whose card
// "was read", the clock, the print path, devices). By default the store-side
// capabilities are started.

export type Identity = NonNullable<SessionCard['identity']>;

export interface Harness {
  dir: string;
  config: KioskConfig;
  store: StoreService;
  bus: Bus;
  router: CommandRouter;
  events: Array<{ name: string; data: any }>;
  health: Record<string, () => unknown>;
  wipers: SessionWiper[];
  /** The person whose card "was read"; undefined = nobody identified. */
  identity: Identity | undefined;
  call(name: string, args?: unknown): Promise<{ ok: boolean; result?: any; error?: { code: string; message: string; detail?: unknown } }>;
  stop(): Promise<void>;
}

export const PEOPLE = JSON.parse(readFileSync(join(ROOT, 'assets/demo/synthetic-people.json'), 'utf8')).people as Array<{ id: string; name: string; idNumber: string }>;
export function person(id: string): Identity {
  const p = PEOPLE.find((x) => x.id === id)!;
  return { kind: 'resident', name: p.name, idNumber: p.idNumber };
}

const CONSENTED: ConsentHolder = { record: () => undefined, has: () => true, wipe: () => [] };

/** The shipped catalog, loaded once for the file (validation and pinyin keys take a moment). */
let shipped: CatalogStore | undefined;
const shippedCatalog = () => (shipped ??= loadShipped());

/**
 * A valid application for a real catalog item: 城乡居民基本养老保险参保登记
 * (SIM-410403-SB-001, 5 working days), every asked question answered.
 */
export function applicationArgs(over: Record<string, unknown> = {}) {
  return {
    kind: 'application',
    idempotencyKey: randomUUID(),
    applicant: 'sessionCard',
    itemCode: 'SIM-410403-SB-001',
    payload: {
      answers: { insuredGroup: 'general', contributionTier: 't300', contactPhone: '13900001234' },
      materials: [{ code: 'm2', provided: 'onSite' }],
      delivery: { method: 'pickup' },
      assisted: false,
      contactPhone: '13900001234',
    },
    ...over,
  };
}

/**
 * A clock the test moves: advance() runs every timer that falls due on the
 * way, in order; jump() sets the wall clock (now()) on or back without moving
 * the timers, as an NTP correction does to Date.now() but not to setInterval.
 */
export function manualClock(start: number): Clock & { advance(ms: number): void; jump(ms: number): void } {
  let t = start;
  let wallOffset = 0;
  const timers = new Set<{ ms: number; next: number; fn: () => void }>();
  return {
    now: () => t + wallOffset,
    jump(ms) {
      wallOffset += ms;
    },
    every(ms, fn) {
      const timer = { ms, next: t + ms, fn };
      timers.add(timer);
      return () => void timers.delete(timer);
    },
    after(ms, fn) {
      const timer = {
        ms: Number.POSITIVE_INFINITY,
        next: t + ms,
        fn: () => {
          timers.delete(timer);
          fn();
        },
      };
      timers.add(timer);
      return () => void timers.delete(timer);
    },
    advance(ms) {
      const end = t + ms;
      for (;;) {
        const due = [...timers].filter((x) => x.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        t = due.next;
        due.next += due.ms;
        due.fn();
      }
      t = end;
    },
  };
}

export function testConfig(patch: Record<string, unknown> = {}, dir = mkdtempSync(join(tmpdir(), 'kiosk-store-'))): { config: KioskConfig; dir: string } {
  const base = JSON.parse(readFileSync(join(ROOT, 'kiosk.config.json'), 'utf8')) as Record<string, unknown>;
  delete base.$schema;
  const config = KioskConfig.parse({ ...base, storage: { path: join(dir, 'kiosk.db'), retentionDays: 30 }, ...patch });
  return { config, dir };
}

export interface HarnessOptions {
  config?: KioskConfig;
  dir?: string;
  /** The daemon's time (default: real time); `clock` replaces timers too. */
  now?: () => number;
  clock?: Clock;
  /** Default: the daemon's logger writing to the temp dir's log/daemon.log. */
  log?: Logger;
  catalog?: CatalogStore;
  /** Default: a card of `identity` (no address, no age). */
  sessionCard?: SessionCardHolder;
  /** Default: refuses (no printer). */
  print?: PrintPath;
  /**
   * Default: the resident consented to every purpose (as the consent screen
   * records it), like the session card that "was read"; the consent tests
   * pass a real SessionConsent.
   */
  consent?: ConsentHolder;
  devices?: Partial<Devices>;
  /** The daemon's typed devices over a real registry (services.ts), used as given: its getters read the device in use at each call. */
  liveDevices?: Devices;
  /** Default: nobody signed in on the screen. */
  staffOnTerminal?: SessionStaff;
  /** Which capabilities to start (default: the store-side ones, in the daemon's order). */
  capabilities?: (ctx: CapabilityContext) => Capability[];
}

export function startHarness(opts: HarnessOptions = {}): Harness {
  const { config, dir } = opts.config ? { config: opts.config, dir: opts.dir! } : testConfig();
  // The daemon's real logger (file only), so tests can check what reaches the log.
  // Synchronous here only: the tests read the file right after a call, with no turn of the event loop between.
  const log = opts.log ?? createLogger({ level: 'debug', dir: join(dir, 'log'), quiet: true, sync: true });
  const router = new CommandRouter(log);
  const bus = new Bus();
  const events: Harness['events'] = [];
  const health: Harness['health'] = {};
  const wipers: SessionWiper[] = [];
  const h = { identity: undefined } as Harness;
  const clock: Clock = opts.clock ?? { now: opts.now ?? (() => Date.now()), every: systemClock.every, after: systemClock.after };
  const store = new StoreService({ config, log, now: () => clock.now() });
  const calendar = new CalendarSource();
  health.store = () => store.health();
  health.calendar = () => calendar.coverage(clock.now());
  const ctx: CapabilityContext = {
    config,
    log,
    router,
    bus,
    emit: (name, data) => events.push({ name, data }),
    addSessionWiper: (w) => wipers.push(w),
    addHealth: (section, read) => (health[section] = read),
    services: {
      clock,
      store,
      catalog: opts.catalog ?? shippedCatalog(),
      calendar,
      sessionCard: opts.sessionCard ?? { sessionCard: () => h.identity && { identity: h.identity, postalAddress: undefined, ageOn: () => undefined } },
      sessionCases: new Set(),
      consent: opts.consent ?? CONSENTED,
      staffOnTerminal: opts.staffOnTerminal ?? new SessionStaff(),
      print: opts.print ?? (() => Promise.reject(new Error('no printer in this harness'))),
      devices: opts.liveDevices ?? {
        registry: { get: () => undefined, wipeSession: () => [], onSwap: () => () => {} } as unknown as DeviceRegistry,
        reader: undefined,
        printer: undefined,
        scanner: undefined,
        evalDisplay: undefined,
        ...opts.devices,
      },
    },
  };
  const capabilities = (opts.capabilities ?? storeCapabilities)(ctx);
  store.open();
  for (const c of capabilities) void c.start();
  let n = 0;
  let stopped = false;
  return Object.assign(h, {
    dir,
    config,
    store,
    bus,
    router,
    events,
    health,
    wipers,
    async call(name: string, args: unknown = {}) {
      const c = await router.dispatch(JSON.stringify({ kind: 'command', id: `c${++n}`, name, args }), { connId: 1 });
      return c.ok ? { ok: true, result: c.result as any } : { ok: false, error: c.error };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const c of [...capabilities].reverse()) await c.stop();
      store.close();
    },
  });
}

/** A real daemon (spawned) for the tests of a file or describe block, with one connected page: started before them, stopped after. */
export function realDaemon(): { readonly d: SpawnedDaemon; readonly ws: WebSocket } {
  const live = {} as { d: SpawnedDaemon; ws: WebSocket };
  beforeAll(async () => {
    live.d = await spawnDaemon();
    live.ws = await live.d.connect();
  });
  afterAll(async () => {
    live.ws?.close();
    await live.d?.stop();
  });
  return live;
}

/** startHarness for the tests of a file: every harness started in a test is stopped after it. */
export function harnessPerTest(): (opts?: HarnessOptions) => Harness {
  const running: Harness[] = [];
  afterEach(async () => {
    for (const h of running.splice(0)) await h.stop();
  });
  return (opts) => {
    const h = startHarness(opts);
    running.push(h);
    return h;
  };
}

/** Resolves once the sync worker delivered everything (the outbox is empty). */
export function drained(h: Harness, timeoutMs = 5000) {
  return waitUntil(
    async () => {
      const s = (await h.call('outbox.status')).result;
      return s.total === 0 && s;
    },
    { timeoutMs, what: 'an empty outbox', intervalMs: 20 },
  );
}
