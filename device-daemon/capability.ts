import type { Logger } from 'pino';
import type { KioskConfig } from './config/schema';
import type { DeviceRegistry } from './devices/registry';
import type { CommandRouter } from './api/router';
import type { CommandResult, EventName, EventData } from '../contract/api';
import type { Bus } from './bus';
import type { PrintRequestInput } from '../contract/api/printer';

/** Something the daemon starts and must stop on shutdown (store, sync worker …), stopped in reverse order. */
export interface Service {
  name: string;
  stop(): Promise<void> | void;
}

/**
 * What each capability (card, printer, store/platform, catalog) gets to plug
 * itself into the daemon: register API handlers, emit events, add a /health
 * section, a session wiper, and services to stop on shutdown.
 */
export interface CapabilityContext {
  config: KioskConfig;
  log: Logger;
  router: CommandRouter;
  registry: DeviceRegistry;
  emit<N extends EventName>(name: N, data: EventData<N>): void;
  /** In-daemon events between capabilities (counters, audit). */
  bus: Bus;
  addService(service: Service): void;
  /** `boundary`: the wipe comes from a UI connection opening/closing or the idle deadline, not from session.end. */
  addSessionWiper(wiper: (opts?: { boundary?: boolean }) => string[]): void;
  addHealth(section: string, read: () => unknown): void;
}

export type Capability = (ctx: CapabilityContext) => Promise<void> | void;

/** The daemon's time: injected so that timers under test run in seconds, not minutes. */
export interface Clock {
  now(): number;
}

/** printer.print as another capability uses it: checked like a call from the page (router.invoke). */
export type PrintPath = (request: PrintRequestInput) => Promise<CommandResult<'printer.print'>>;
