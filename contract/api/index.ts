import type { z } from 'zod';
import { systemCommands, systemEvents } from './system';
import { cardCommands, cardEvents } from './card';
import { printerCommands, printerEvents } from './printer';
import { submissionCommands, submissionEvents } from './submission';
import { catalogCommands, catalogEvents } from './catalog';
import { scannerCommands, scannerEvents } from './scanner';
import { documentCommands, documentEvents } from './documents';
import { precheckCommands, precheckEvents } from './precheck';
import { consentCommands } from './consent';
import { maintenanceCommands, maintenanceEvents } from './maintenance';
import { evaluationCommands, evaluationEvents } from './evaluation';
import { staffEvents } from './staff';
import { demoCommands, demoEvents } from './demo';
import { staffTerminalCommands } from './staff-terminal';
import { callStaffCommands, callStaffEvents } from './call-staff';
import { outboxCommands } from './outbox';
import { configCommands } from './config';
import { technicianCardCommands } from './technician-card';

export * from './envelope';
export * from './errors';
export * from './status';
export * from './system';

/** Every command of the local API, by name. Both ends validate against this map. */
export const commandDefs = {
  ...systemCommands,
  ...cardCommands,
  ...printerCommands,
  ...submissionCommands,
  ...catalogCommands,
  ...scannerCommands,
  ...documentCommands,
  ...precheckCommands,
  ...consentCommands,
  ...maintenanceCommands,
  ...evaluationCommands,
  ...demoCommands,
  ...staffTerminalCommands,
  ...callStaffCommands,
  ...outboxCommands,
  ...configCommands,
  ...technicianCardCommands,
};
/** Every unsolicited event, by name. */
export const eventDefs = {
  ...systemEvents,
  ...cardEvents,
  ...printerEvents,
  ...submissionEvents,
  ...catalogEvents,
  ...scannerEvents,
  ...documentEvents,
  ...precheckEvents,
  ...maintenanceEvents,
  ...evaluationEvents,
  ...staffEvents,
  ...demoEvents,
  ...callStaffEvents,
};

type CommandDefs = typeof commandDefs;
export type CommandName = keyof CommandDefs;
export type CommandArgs<N extends CommandName> = z.input<CommandDefs[N]['args']>;
export type CommandResult<N extends CommandName> = z.output<CommandDefs[N]['result']>;
type EventDefs = typeof eventDefs;
export type EventName = keyof EventDefs;
export type EventData<N extends EventName> = z.output<EventDefs[N]['data']>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commandDefs, name);
}
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(eventDefs, name);
}
