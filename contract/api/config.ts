import { z } from 'zod';
import { command } from './define';
import { ConfigEditResult, ConfigPath, DeviceRole, ProbeResult, TechnicianPin } from './maintenance';

// The configuration as kioskctl reads and changes it while the daemon runs:
// the daemon holds the running config, so `kioskctl config get|set` ask it
// (the same schema check, durable save and live apply as the maintenance
// screen's settings page) instead of writing the file behind its back. The
// config holds the fleet link's credentials, so both take the technician PIN,
// checked against the one lockout ledger; no maintenance session is opened
// (a resident at the screen is not interrupted).

export const configCommands = {
  'config.get': command({
    args: z.object({ pin: TechnicianPin, path: ConfigPath.optional() }).strict(),
    result: z.object({
      /** The setting (or the whole config) as the daemon runs with it, defaults filled in; absent when no such setting. */
      running: z.unknown().optional(),
      /** The same as the config file sets it now, defaults filled in: what the daemon runs with after a restart. */
      file: z.unknown().optional(),
      /** The file as it stands does not load (a daemon would not start with it): each field's problem. */
      fileProblems: z.array(z.string()).optional(),
    }),
    doc: 'Technician (PIN): one setting by its JSON path, or the whole config, as the running daemon uses it and as the file sets it now (they differ after a change that needs a restart; fileProblems when the file does not load); technician.pinHash left out of both. Errors: pinInvalid, technicianLocked, pinRequired, unauthorized (as outbox.requeue).',
  }),
  'config.set': command({
    args: z.object({ pin: TechnicianPin, path: ConfigPath, value: z.unknown() }).strict(),
    result: ConfigEditResult,
    doc: 'Technician (PIN): set one setting by its JSON path, as maintenance.config.set does (the whole file checked by the schema, refusals by the field; saved durably with .bak; the settings read on every use applied at once and announced with maintenance.configApplied, the others restartNeeded), audited as kioskctl. Errors: pinInvalid, technicianLocked, pinRequired, unauthorized (as outbox.requeue), invalidArgs (technician.pinHash is set with kioskctl config pin set only).',
  }),
  'devices.bind': command({
    args: z.object({ pin: TechnicianPin, role: DeviceRole, portId: z.string().min(1).max(200) }).strict(),
    result: z.object({ section: z.record(z.string(), z.unknown()), probe: ProbeResult, applied: z.literal(false), restartNeeded: z.literal(true) }),
    doc: 'Technician (PIN): bind a discovered port to a device role by its stable identity, as maintenance.devices.bind does (the config checked whole by the schema, saved durably with .bak, audited as kioskctl), then probe it in its own protocol. The running daemon keeps the device it opened at start: the binding is used after a restart (restartNeeded). Errors: pinInvalid, technicianLocked, pinRequired, unauthorized (as outbox.requeue), notFound (no such port now), invalidArgs (the port cannot serve the role, or the config would be invalid: detail lists the fields).',
  }),
};
