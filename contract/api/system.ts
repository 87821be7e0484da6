import { z } from 'zod';
import { command, event } from './define';
import { DeviceId, DeviceStatus } from './status';

/**
 * Why the store cannot take submissions: at start (missing/empty — a store
 * existed here before; markerUnreadable, mismatch, corrupt, locked,
 * newerSchema, unusable; closed while starting or stopping) or at run time,
 * when a write failed (full, readOnly, ioError).
 */
const STORE_PROBLEMS = ['missing', 'empty', 'markerUnreadable', 'mismatch', 'corrupt', 'locked', 'newerSchema', 'unusable', 'closed', 'full', 'readOnly', 'ioError'] as const;
export const StoreProblem = z.enum(STORE_PROBLEMS);
export type StoreProblem = z.infer<typeof StoreProblem>;

/**
 * The submission store (SQLite) as the page and a technician see it, beside
 * the devices: `ok`; `failing` (open, but a write failed: it is tried again
 * and becomes ok by itself once a write succeeds); `unavailable` (not open).
 */
export const StoreStatus = z.object({
  state: z.enum(['ok', 'failing', 'unavailable']),
  /** Submissions (and anything that must record) can be accepted now. */
  accepting: z.boolean(),
  /** Lookups of stored cases (progress by number) still work. */
  readable: z.boolean(),
  problem: StoreProblem.optional(),
  /** For technicians: what happened and what to do; the UI uses `problem`. */
  reason: z.string().optional(),
  /** ISO time of the last change of state. */
  since: z.string(),
});
export type StoreStatus = z.infer<typeof StoreStatus>;

const SiteKind = z.enum(['streetCenter', 'villageStation', 'bank', 'postOffice', 'telecom', 'mall']);
const Locale = z.enum(['zh-CN', 'en']);

/** What the UI needs at boot: who this terminal is and how its session behaves. */
export const SystemStatus = z.object({
  version: z.string(),
  bootId: z.string(),
  uptimeSec: z.number(),
  terminalId: z.string(),
  simulated: z.boolean(),
  site: z.object({
    name: z.string(),
    district: z.string(),
    kind: SiteKind,
    address: z.string(),
    open24h: z.boolean(),
    hoursText: z.string(),
    phones: z.object({ consultation: z.string(), supervision: z.string(), center: z.string() }),
  }),
  locale: Locale,
  elderModeDefault: z.boolean(),
  session: z.object({ idleTimeoutSeconds: z.number().int(), warningSeconds: z.number().int() }),
  /** What the consent screen states: days the terminal keeps personal data of a delivered submission. */
  privacy: z.object({ retentionDays: z.number().int() }),
  /** URL templates ({caseNo}) for the QR codes shown on screen when a receipt could not be printed. */
  links: z.object({ progressUrlTemplate: z.string(), evaluationUrlTemplate: z.string() }),
  devices: z.array(DeviceStatus),
  store: StoreStatus,
});
export type SystemStatus = z.infer<typeof SystemStatus>;

const Empty = z.object({}).strict();

/**
 * Whether the kiosk page is alive, from its heartbeats (page.heartbeat):
 * `waiting` until the first one, `gone` after 30 s without one (the browser
 * crashed, hung, or shows something else), `ok` while they come.
 */
export const PageStatus = z.object({
  state: z.enum(['waiting', 'ok', 'gone']),
  /** ISO time of the last change of state. */
  since: z.string(),
  /** ISO time of the last heartbeat in this boot of the daemon. */
  lastHeartbeat: z.string().optional(),
});
export type PageStatus = z.infer<typeof PageStatus>;

const SIM_ACTIONS = [
  'insertCard',
  'removeCard',
  'swapCard',
  'paperOut',
  'paperLow',
  'paperLoad',
  'coverOpen',
  'coverClose',
  'unplug',
  'replug',
  'samError',
  'scan',
  'scanPartial',
  'scanGarbage',
  'rate',
  'evalGarbage',
  'evalReturnCode',
] as const;
export const SimAction = z.enum(SIM_ACTIONS);
export type SimAction = z.infer<typeof SimAction>;

export const systemCommands = {
  'system.status': command({ args: Empty, result: SystemStatus, doc: 'Terminal identity, session settings and every device status.' }),
  'system.ping': command({ args: Empty, result: z.object({ time: z.string() }), doc: 'Round-trip check; answers the daemon clock.' }),
  'page.heartbeat': command({
    args: Empty,
    result: PageStatus,
    doc: 'The kiosk page is alive (sent every 10 s while connected); not resident activity. The daemon reports the page gone in /health after 30 s without one.',
  }),
  'session.end': command({
    args: z.object({ reason: z.enum(['timeout', 'user', 'reset', 'error']) }).strict(),
    result: z.object({ wiped: z.array(z.string()) }),
    doc: 'The resident session ended: the daemon releases every personal datum it held for it.',
  }),
  'sim.control': command({
    args: z
      .object({
        device: DeviceId,
        action: SimAction,
        /** Optional parameter, e.g. which synthetic card to insert. */
        param: z.string().max(2000).optional(),
      })
      .strict(),
    result: z.object({ device: DeviceId, action: SimAction, status: DeviceStatus }),
    doc: 'Simulated mode only (demo, training, tests): change a simulated device (insert card, paper out, unplug …).',
  }),
};

export const systemEvents = {
  'device.status': event({ data: DeviceStatus, doc: 'A device status changed (sent to every connected UI).' }),
  'store.status': event({ data: StoreStatus, doc: 'The submission store changed state (ok, failing, unavailable): the UI stops offering submissions while it cannot accept them.' }),
  'page.reload': event({
    data: z.object({ reason: z.enum(['fleet']) }),
    doc: 'Reload yourself now (asked by the fleet platform, never during a resident session): the page loads afresh from the daemon, as after a daemon restart.',
  }),
};
