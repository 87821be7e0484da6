import type { DeviceId, DeviceStatus, ErrorCode, SimAction } from '../../contract/api';
import type { RenderedJobSummary } from '../../contract/api/printer';

/**
 * What the daemon needs from every device, whatever its class and driver.
 * A device never throws from start() because hardware is missing: it reports
 * `noDevice` and keeps looking. Status changes are pushed to listeners, which
 * the API turns into `device.status` events.
 */
export interface Device {
  readonly id: DeviceId;
  readonly driver: string;
  start(): Promise<void>;
  /** Close ports and timers; resolves when nothing of the device is left running. */
  stop(): Promise<void>;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): () => void;
  /** Present only when the device is simulated: demo, training and test controls. */
  readonly simulator?: SimulatorControl;
  /** Forget any personal data held for the current session (card record …). Returns what was wiped. */
  wipeSession?(): string[];
  /** Present when the device keeps what it printed for inspection (the simulated printer's rendered pages, printer.lastJobs). */
  readonly renderedJobs?: RenderedJobs;
}

export interface RenderedJobs {
  /** The last `limit` pages, oldest first; with `svg`, each drawn as an SVG. */
  last(limit: number, svg: boolean): RenderedJobSummary[];
}

export interface SimulatorControl {
  readonly actions: readonly SimAction[];
  perform(action: SimAction, param?: string): Promise<void>;
}

/**
 * A device command refused with a code from the API's closed list (a bad
 * simulator parameter, an unplugged simulated port). Devices throw it; the
 * capability that exposes the command turns it into the API's answer.
 */
export class DeviceCommandError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeviceCommandError';
  }
}
