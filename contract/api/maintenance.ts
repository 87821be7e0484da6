import { z } from 'zod';
import { command, event } from './define';

// 维护模式: the technician's mode on the terminal's own screen. The PIN goes
// to the daemon, which checks it against technician.pinHash (the page never
// sees the hash), counts the try and keeps any lockout across restarts.
// Entering ends and wipes the resident session and hands the devices to the
// technician: resident commands are refused with maintenanceMode until the
// technician leaves or the maintenance session's idle timeout ends it. Every
// other maintenance command carries the token maintenance.enter gave.

/** Minutes a maintenance session lasts without a maintenance command. */
export const MAINTENANCE_IDLE_MINUTES = 10;

/** The technician PIN as typed (checked by the daemon against technician.pinHash). */
export const TechnicianPin = z.string().regex(/^\d{1,12}$/, 'a PIN is digits');

/** A setting by its dotted JSON path (session.idleTimeoutSeconds). */
export const ConfigPath = z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/);

const Token = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'expected the token maintenance.enter gave');
const Authorised = z.object({ token: Token }).strict();

/** The config sections a discovered port can be bound to (devices.<role>). */
export const DeviceRole = z.enum(['idCardReader', 'printer', 'evalDisplay', 'scanner']);

const DiscoveredPort = z.object({
  id: z.string(),
  kind: z.enum(['serial', 'hid']),
  path: z.string(),
  byIdPath: z.string().optional(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
  serialNumber: z.string().optional(),
  manufacturer: z.string().optional(),
  product: z.string().optional(),
  interface: z.number().optional(),
  usagePage: z.number().optional(),
  usage: z.number().optional(),
  stable: z.boolean(),
});

/** Whether the bound device answered its own protocol's probe. */
export const ProbeResult = z.object({ answered: z.boolean(), probed: z.boolean(), detail: z.string() });

/** What a config edit did: saved (with .bak) or refused field by field; what needs a restart. */
export const ConfigEditResult = z.union([
  z.object({ saved: z.literal(true), restartNeeded: z.boolean(), applied: z.boolean(), note: z.string() }),
  z.object({ saved: z.literal(false), problems: z.array(z.string()) }),
]);

/** The card a technician's test read, fields by name (ID number, name, birth date, address masked unless revealed). */
const CardFields = z.record(z.string(), z.unknown());

const Count = z.record(z.string(), z.number());

/** The counters and logs page: what kioskctl counters / outbox / calendar check read, from the running daemon. */
const MaintenanceReport = z.object({
  day: z.string(),
  today: Count,
  lifetime: Count,
  /** Failures counted per device today and in all (printFailures, cardReadFailures …). */
  errorsByDevice: z.record(z.string(), z.object({ today: z.number(), lifetime: z.number() })),
  outbox: z.object({
    total: z.number(),
    depth: Count,
    oldestAcceptedAt: z.string().nullable(),
    parked: z.array(z.object({ caseNo: z.string(), kind: z.string(), state: z.string(), acceptedAt: z.string(), lastError: z.string().nullable() })),
  }),
  calendar: z.object({ years: z.array(z.number()), warning: z.string().nullable() }),
  /** What is left on the printer's roll (as /health's printer.paper and kioskctl printer paper): null while the store is not open. */
  paper: z.object({ rollLengthM: z.number(), usedMm: z.number(), leftM: z.number(), rollChangedAt: z.string().nullable() }).nullable(),
  /** The last log lines, masked again before they leave the daemon. */
  logs: z.array(z.string()),
});

export const maintenanceCommands = {
  'maintenance.enter': command({
    args: z.object({ pin: TechnicianPin }).strict(),
    result: z.object({ token: Token, idleMinutes: z.number(), demoPin: z.boolean() }),
    doc: `Check the technician PIN and enter maintenance mode: the resident session is ended and wiped, resident commands are refused with maintenanceMode until maintenance.leave or ${MAINTENANCE_IDLE_MINUTES} min without a maintenance command. Errors: pinInvalid (detail: remaining, and lockedUntil in epoch ms when this try locked), technicianLocked (detail: lockedUntil), pinRequired (no PIN), unauthorized (the shipped demo PIN on a terminal in service).`,
  }),
  'maintenance.leave': command({
    args: Authorised,
    result: z.object({ left: z.literal(true) }),
    doc: 'Leave maintenance mode: the devices go back to residents and the page returns to attract. Errors: maintenanceRequired (no such maintenance session).',
  }),
  'maintenance.status': command({
    args: z.object({}).strict(),
    result: z.object({
      active: z.boolean(),
      lockedUntil: z.number().nullable(),
      failures: z.number(),
      tries: z.number(),
      /** The hidden gesture that opens the PIN pad (technician.gesture). */
      gesture: z.object({ corner: z.enum(['topLeft', 'topRight', 'bottomLeft', 'bottomRight']), count: z.number(), windowMs: z.number() }),
    }),
    doc: 'Whether maintenance mode is on and whether PIN entry is locked (epoch ms), and the gesture that opens the PIN pad: nothing secret.',
  }),
  'maintenance.devices.discover': command({
    args: Authorised,
    result: z.object({ ports: z.array(DiscoveredPort), problems: z.array(z.string()) }),
    doc: 'Serial ports and HID interfaces on this machine with their stable ids (USB ids and serial number, /dev/serial/by-id). Errors: maintenanceRequired.',
  }),
  'maintenance.devices.bind': command({
    args: z.object({ token: Token, role: DeviceRole, portId: z.string().min(1).max(200) }).strict(),
    result: z.object({ section: z.record(z.string(), z.unknown()), probe: ProbeResult, restartNeeded: z.literal(true) }),
    doc: 'Bind a discovered port to a device role by its stable identity (saved with the config, previous file kept as .bak), then probe it in its own protocol. Errors: maintenanceRequired, notFound (no such port now), invalidArgs (the port cannot serve the role, or the config would be invalid: detail lists the fields).',
  }),
  'maintenance.config.get': command({
    args: Authorised,
    result: z.object({ config: z.record(z.string(), z.unknown()), effective: z.record(z.string(), z.unknown()) }),
    doc: 'The config file as written, and as it takes effect (defaults filled in), technician.pinHash left out of both. Errors: maintenanceRequired.',
  }),
  'maintenance.config.set': command({
    args: z.object({ token: Token, path: ConfigPath, value: z.unknown() }).strict(),
    result: ConfigEditResult,
    doc: 'Set one setting by its JSON path; the whole file is checked by the schema (refusals name each field) and saved durably with .bak. Settings the daemon reads on every use (site texts and hours, staff duty hours, idle timeout, links) are applied at once and announced with maintenance.configApplied (applied: true); the others need maintenance.restart (restartNeeded: true). Errors: maintenanceRequired, invalidArgs (technician.pinHash is set with kioskctl config pin set only).',
  }),
  'maintenance.test.card': command({
    args: z.object({ token: Token, timeoutMs: z.number().int().min(1000).max(60_000).optional() }).strict(),
    result: z.object({ fields: CardFields, photo: z.string(), expired: z.boolean() }),
    doc: 'Read a card for the technician: its fields masked. The record is not kept as a resident session card; the unmasked fields stay in the daemon until the next test read or the end of maintenance, for maintenance.test.cardReveal. Errors: maintenanceRequired, noDevice, noCard, timeout (the reader’s codes).',
  }),
  'maintenance.test.cardReveal': command({
    args: Authorised,
    result: z.object({ fields: CardFields }),
    doc: 'The last test read unmasked, shown while the technician holds the button; every reveal is audited. Errors: maintenanceRequired, notFound (no test read to reveal).',
  }),
  'maintenance.report': command({
    args: Authorised,
    result: MaintenanceReport,
    doc: 'Counters (today and lifetime, paper used in mm), failures by device, outbox depth and oldest, parked submissions, calendar coverage, the estimate of paper left on the roll, the last 200 log lines masked. Errors: maintenanceRequired.',
  }),
  'maintenance.requeue': command({
    args: z.object({ token: Token, caseNo: z.string().min(1).max(40) }).strict(),
    result: z.object({ requeued: z.boolean() }),
    doc: 'Put a parked submission (rejected or waiting for staff) back in the delivery queue, audited as the technician; the sync worker is woken, so it is sent at once (other cases keep their backoff). Errors: maintenanceRequired.',
  }),
  'maintenance.restart': command({
    args: Authorised,
    result: z.object({ restarting: z.literal(true), supervised: z.boolean() }),
    doc: 'Stop the daemon cleanly after answering, for settings read only at start. Under systemd (Restart=always) it comes back by itself (supervised: true); under npm start it stays stopped until started again. Errors: maintenanceRequired, notSupported (this daemon was built without a way to stop itself).',
  }),
};

export const maintenanceEvents = {
  'maintenance.changed': event({
    data: z.object({ active: z.boolean(), reason: z.enum(['entered', 'left', 'idle']) }),
    doc: 'Maintenance mode began or ended (left, or ended by its idle timeout): the page shows the maintenance screens or returns to attract.',
  }),
  'maintenance.configApplied': event({
    data: z.object({ paths: z.array(z.string()) }),
    doc: 'Settings changed and applied to the running daemon: pages ask system.status again to take the new values (idle timeout, site texts, links).',
  }),
};
