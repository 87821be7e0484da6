import type { DeviceDetail, DeviceId, SimAction } from '../../contract/api';
import { DeviceCommandError } from './device';
import { LifecycleDevice, NoDeviceError, type LifecycleOptions } from './lifecycle-device';

/**
 * A simulated device that models presence and status only (no byte protocol).
 * Used for the evaluation display, whose simulator shows the QR on screen.
 * Devices with a byte protocol (ID-card reader, printer) have their own
 * simulators in their folders.
 */
export class StatusSimulator extends LifecycleDevice {
  private plugged: boolean;

  constructor(
    id: DeviceId,
    detail: DeviceDetail,
    private readonly handlers: Partial<Record<SimAction, (sim: StatusSimulator, param?: string) => void>>,
    opts: LifecycleOptions & { startUnplugged?: boolean } = {},
  ) {
    super(id, 'simulated', detail, opts);
    this.plugged = !opts.startUnplugged;
    const actions = ['unplug', 'replug', ...Object.keys(handlers)] as SimAction[];
    this.simulator = { actions, perform: async (action, param) => this.perform(action, param) };
  }

  protected async open(): Promise<void> {
    if (!this.plugged) throw new NoDeviceError(`simulated ${this.id} is unplugged`);
  }
  protected async close(): Promise<void> {}

  patch(detail: DeviceDetail): void {
    this.setDetail(detail);
  }

  private perform(action: SimAction, param?: string): void {
    if (action === 'unplug') {
      this.plugged = false;
      this.lost(`simulated ${this.id} unplugged`);
      return;
    }
    if (action === 'replug') {
      this.plugged = true;
      this.retryNow();
      return;
    }
    const handler = this.handlers[action];
    if (!handler) throw new DeviceCommandError('notSupported', `${this.id} simulator has no action ${action}`);
    handler(this, param);
  }
}
