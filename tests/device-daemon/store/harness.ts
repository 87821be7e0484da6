import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandRouter } from '../../../device-daemon/api/router';
import { Bus } from '../../../device-daemon/bus';
import type { CapabilityContext, Service } from '../../../device-daemon/capability';
import { KioskConfig } from '../../../device-daemon/config/schema';
import { createStoreCapability, type StoreDeps, type StoreHandle } from '../../../device-daemon/store/api';
import type { SessionIdentity } from '../../../device-daemon/store/session-identity';
import { createLogger } from '../../../device-daemon/log';
import { ROOT } from '../../helpers/daemon';
import { loadShipped } from '../../helpers/catalog';

// In-process store capability with the real router (contract-checked both
// ways), a real SQLite file in a temp dir and an injectable session identity
// (the card reader that provides it is another issue's work).

export interface Harness {
  dir: string;
  config: KioskConfig;
  handle: StoreHandle;
  bus: Bus;
  router: CommandRouter;
  events: Array<{ name: string; data: any }>;
  health: Record<string, () => unknown>;
  wipers: Array<() => string[]>;
  /** The person whose card "was read"; undefined = nobody identified. */
  identity: SessionIdentity | undefined;
  call(name: string, args?: unknown): Promise<{ ok: boolean; result?: any; error?: { code: string; message: string; detail?: unknown } }>;
  stop(): Promise<void>;
}

export const PEOPLE = JSON.parse(readFileSync(join(ROOT, 'assets/demo/synthetic-people.json'), 'utf8')).people as Array<{ id: string; name: string; idNumber: string }>;
export function person(id: string): SessionIdentity {
  const p = PEOPLE.find((x) => x.id === id)!;
  return { kind: 'resident', name: p.name, idNumber: p.idNumber };
}

/** The shipped catalog, loaded once for the file (validation and pinyin keys take a moment). */
let shipped: ReturnType<typeof loadShipped> | undefined;
export const shippedCatalog = () => (shipped ??= loadShipped());

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

export function testConfig(patch: Record<string, unknown> = {}, dir = mkdtempSync(join(tmpdir(), 'kiosk-store-'))): { config: KioskConfig; dir: string } {
  const base = JSON.parse(readFileSync(join(ROOT, 'kiosk.config.json'), 'utf8')) as Record<string, unknown>;
  delete base.$schema;
  const config = KioskConfig.parse({ ...base, storage: { path: join(dir, 'kiosk.db'), retentionDays: 30 }, ...patch });
  return { config, dir };
}

export function startHarness(opts: { config?: KioskConfig; dir?: string; deps?: StoreDeps } = {}): Harness {
  const { config, dir } = opts.config ? { config: opts.config, dir: opts.dir! } : testConfig();
  // The daemon's real logger (file only), so tests can check what reaches the log.
  const log = createLogger({ level: 'debug', dir: join(dir, 'log'), quiet: true });
  const router = new CommandRouter(log);
  const bus = new Bus();
  const events: Harness['events'] = [];
  const services: Service[] = [];
  const health: Harness['health'] = {};
  const wipers: Harness['wipers'] = [];
  const h = { identity: undefined } as Harness;
  const ctx: CapabilityContext = {
    config,
    log,
    router,
    registry: { get: () => undefined } as unknown as CapabilityContext['registry'],
    emit: (name, data) => events.push({ name, data }),
    bus,
    addService: (s) => services.push(s),
    addSessionWiper: (w) => wipers.push(w),
    addHealth: (section, read) => (health[section] = read),
  };
  const catalog = shippedCatalog();
  const handle = createStoreCapability(ctx, { identity: () => h.identity, item: (code) => catalog.item(code), ...opts.deps });
  let n = 0;
  return Object.assign(h, {
    dir,
    config,
    handle,
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
      for (const s of services.reverse()) await s.stop();
    },
  });
}
