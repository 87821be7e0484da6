import type { DeviceId } from '../../contract/api';
import { LifecycleDevice, NoDeviceError } from './lifecycle-device';

/**
 * Stands in for a configured driver this build cannot drive. It reports
 * `noDevice` with the reason, so the daemon keeps serving and /health says
 * exactly what is missing.
 */
export class UnavailableDriver extends LifecycleDevice {
  constructor(
    id: DeviceId,
    driver: string,
    private readonly why: string,
  ) {
    super(id, driver, {}, { retryDelayMs: () => 60_000 });
  }
  protected async open(): Promise<void> {
    throw new NoDeviceError(this.why);
  }
  protected async close(): Promise<void> {}
}
