import type { Logger } from 'pino';
import type { KioskConfig } from '../config/schema';

/** What a device factory gets from the daemon. */
export interface DeviceContext {
  config: KioskConfig;
  log: Logger;
}
