import { z } from 'zod';
import { command, event } from './define';
import { DeviceId, DeviceStatus } from './status';

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
});
export type SystemStatus = z.infer<typeof SystemStatus>;

const Empty = z.object({}).strict();

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
] as const;
export const SimAction = z.enum(SIM_ACTIONS);
export type SimAction = z.infer<typeof SimAction>;

export const systemCommands = {
  'system.status': command({ args: Empty, result: SystemStatus, doc: 'Terminal identity, session settings and every device status.' }),
  'system.ping': command({ args: Empty, result: z.object({ time: z.string() }), doc: 'Round-trip check; answers the daemon clock.' }),
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
};
