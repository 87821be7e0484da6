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

const Token = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'expected the token maintenance.enter gave');
const Authorised = z.object({ token: Token }).strict();

const DeviceRole = z.enum(['idCardReader', 'printer', 'evalDisplay', 'scanner']);

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

const ProbeResult = z.object({ answered: z.boolean(), probed: z.boolean(), detail: z.string() });

/** What a config edit did: saved (with .bak) or refused field by field; what needs a restart. */
const ConfigEditResult = z.union([z.object({ saved: z.literal(true), restartNeeded: z.boolean(), note: z.string() }), z.object({ saved: z.literal(false), problems: z.array(z.string()) })]);

export const maintenanceCommands = {
  'maintenance.enter': command({
    args: z.object({ pin: z.string().regex(/^\d{1,12}$/, 'a PIN is digits') }).strict(),
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
    result: z.object({ active: z.boolean(), lockedUntil: z.number().nullable(), failures: z.number(), tries: z.number() }),
    doc: 'Whether maintenance mode is on and whether PIN entry is locked (epoch ms), for the PIN pad: nothing secret.',
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
    result: z.object({ config: z.record(z.string(), z.unknown()) }),
    doc: 'The config file as written (technician.pinHash left out). Errors: maintenanceRequired.',
  }),
  'maintenance.config.set': command({
    args: z.object({ token: Token, path: z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/), value: z.unknown() }).strict(),
    result: ConfigEditResult,
    doc: 'Set one setting by its JSON path; the whole file is checked by the schema (refusals name each field) and saved durably with .bak. Errors: maintenanceRequired, invalidArgs (technician.pinHash is set with kioskctl pin set only).',
  }),
};

export const maintenanceEvents = {
  'maintenance.changed': event({
    data: z.object({ active: z.boolean(), reason: z.enum(['entered', 'left', 'idle']) }),
    doc: 'Maintenance mode began or ended (left, or ended by its idle timeout): the page shows the maintenance screens or returns to attract.',
  }),
};
