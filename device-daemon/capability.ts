import type { Logger } from 'pino';
import type { CommandResult, EventData, EventName } from '../contract/api';
import type { PrintRequestInput } from '../contract/api/printer';
import type { CommandRouter } from './api/router';
import type { ConsentHolder } from './capabilities/session-consent';
import type { SessionStaff } from './capabilities/session-staff';
import type { Bus } from './bus';
import type { CalendarSource } from './calendar/calendar-source';
import type { CatalogStore } from './catalog/catalog-store';
import type { Clock } from './clock';
import type { KioskConfig } from './config/schema';
import type { Device } from './devices/device';
import type { IdCardReaderDevice } from './devices/id-card/reader-device';
import type { SessionCardHolder } from './devices/id-card/session-card';
import type { EscposPrinterDevice } from './devices/printer/printer-device';
import type { DeviceRegistry } from './devices/registry';
import type { EvalDeviceBase } from './devices/eval-display/eval-device-base';
import type { ScannerDevice } from './devices/scanner/scanner-device';
import type { StoreService } from './store/store-service';

/**
 * One concern of the daemon (submissions, the card reader, the catalog …),
 * after zigbee2mqtt's extensions: built by the composition root (app.ts)
 * with the context, it registers its commands, events, /health section and
 * session wipers in start(), and stops its timers and workers in stop().
 * Capabilities never import each other or the root: what they share is a
 * service on the context.
 */
export interface Capability {
  readonly name: string;
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
}

/**
 * How capabilities print the documents they compose (receipts, records, the
 * pre-check slip, the notice): checked against the layout schemas, never a
 * command a page can call with its own data. `onQueued` runs before any byte
 * goes out (a receipt's copy is recorded first).
 */
export type PrintPath = (request: PrintRequestInput, hooks?: { onQueued?: (jobId: string) => void }) => Promise<CommandResult<'printer.print'>>;

/**
 * The devices, typed: a capability that drives one gets it here, never by
 * looking it up by name. Each read answers the device in use now (demo mode
 * puts simulators in use in place of real devices): read it at each call,
 * never keep it, and listen to its events with followDevice.
 */
export interface Devices {
  registry: DeviceRegistry;
  /** undefined when the configured driver cannot be driven by this build (its status says why). */
  reader: IdCardReaderDevice | undefined;
  /** With the optional renderedJobs of a printer that keeps its pages (the simulated one). */
  printer: (EscposPrinterDevice & Pick<Device, 'renderedJobs'>) | undefined;
  /** undefined also when the terminal has none (driver "none"). */
  scanner: ScannerDevice | undefined;
  /** An external evaluation device (Nextion, CD5220, rating pad); undefined with driver "screen" (the screen alone). */
  evalDisplay: EvalDeviceBase | undefined;
}

/** The collaborators the composition root builds once and hands to every capability. */
export interface Services {
  clock: Clock;
  store: StoreService;
  catalog: CatalogStore;
  calendar: CalendarSource;
  /** The card read in this session (the reader implements it; none when there is no usable reader). */
  sessionCard: SessionCardHolder;
  /** Case numbers accepted in this session: only their receipts are printed here. */
  sessionCases: Set<string>;
  /** What the resident consented to in this session (consent.record); submissions with personal data need it. */
  consent: ConsentHolder;
  /** The staff member signed in on the screen for this session (guided mode, assisted handling); the session wipe drops it. */
  staffOnTerminal: SessionStaff;
  print: PrintPath;
  devices: Devices;
}

/** `boundary`: the wipe comes from a UI connection opening/closing or the idle deadline, not from session.end. */
export type SessionWiper = (opts?: { boundary?: boolean }) => string[];

export interface CapabilityContext {
  config: KioskConfig;
  log: Logger;
  router: CommandRouter;
  emit<N extends EventName>(name: N, data: EventData<N>): void;
  /** In-daemon events between capabilities (counters, audit, accepted submissions). */
  bus: Bus;
  addSessionWiper(wiper: SessionWiper): void;
  addHealth(section: string, read: () => unknown): void;
  services: Services;
}
