import type { Logger } from 'pino';
import type { KioskConfig } from '../config/schema';
import type { Bus } from '../bus';

/** What a device factory gets from the daemon. */
export interface DeviceContext {
  config: KioskConfig;
  log: Logger;
  /** Counters and audit go here; the store persists them. */
  bus: Bus;
}
