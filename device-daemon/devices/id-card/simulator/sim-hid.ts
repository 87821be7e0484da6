import { EventEmitter } from 'node:events';
import type { HidBackend, HidDeviceInfo, HidDeviceLike } from '../transport/hid-transport';
import type { HidWrapper, ReportDecoder } from '../transport/hid-wrapper';
import type { SamSimulator } from './sam-simulator';

/**
 * A simulated HID reader: the SAM module behind a vendor wrapper, seen
 * through the same backend interface node-hid provides. Output reports are
 * unwrapped with the wrapper's device side and fed to the module; replies
 * are wrapped into input reports, one per 1 ms USB frame (full-speed
 * interrupt endpoint). unplug() fails the open handle the way node-hid does
 * when the device disappears and hides it from enumeration.
 */
export class SimHidReader implements HidBackend {
  readonly path: string;
  private plugged = true;
  private current: SimHidDevice | undefined;
  private readonly decoder: ReportDecoder;

  constructor(
    readonly sim: SamSimulator,
    readonly wrapper: HidWrapper,
    private readonly info: { vendorId?: number; productId?: number; serialNumber?: string } = {},
  ) {
    this.path = `/dev/hidraw-sim-${Math.random().toString(36).slice(2, 8)}`;
    this.decoder = wrapper.deviceDecoder();
    sim.wire = {
      send: async (frame, abort) => {
        const dev = this.current;
        if (!dev) return;
        const reports = wrapper.deviceEncode(frame);
        const perReport = frame.length / reports.length;
        for (let i = 0; i < reports.length; i++) {
          await new Promise((r) => setTimeout(r, 1));
          if (abort?.(Math.round(i * perReport)) || this.current !== dev) return;
          dev.emit('data', reports[i]);
        }
      },
    };
  }

  async devices(): Promise<HidDeviceInfo[]> {
    if (!this.plugged) return [];
    const ids = this.wrapper.knownIds[0]!;
    return [
      {
        vendorId: this.info.vendorId ?? parseInt(ids.vendorId, 16),
        productId: this.info.productId ?? parseInt(ids.productId, 16),
        path: this.path,
        ...(this.info.serialNumber ? { serialNumber: this.info.serialNumber } : {}),
      },
    ];
  }

  async open(path: string): Promise<HidDeviceLike> {
    if (!this.plugged || path !== this.path) throw new Error(`could not open HID device ${path}`);
    this.current?.emit('error', new Error('reopened'));
    this.current = new SimHidDevice(this);
    return this.current;
  }

  /** Output report from the host (report id first). */
  receive(data: Buffer): void {
    const report = data[0] === 0x00 && data.length === this.wrapper.reportBytes + 1 ? data.subarray(1) : data;
    const sam = this.decoder.push(Buffer.from(report));
    if (sam.length) this.sim.receive(sam);
  }

  closed(dev: SimHidDevice): void {
    if (this.current === dev) this.current = undefined;
  }

  unplug(): void {
    if (!this.plugged) return;
    this.plugged = false;
    const dev = this.current;
    this.current = undefined;
    dev?.emit('error', new Error('could not read from HID device'));
  }

  replug(): void {
    if (this.plugged) return;
    this.plugged = true;
    this.sim.powerCycle();
  }
}

class SimHidDevice extends EventEmitter implements HidDeviceLike {
  private closedFlag = false;
  constructor(private readonly owner: SimHidReader) {
    super();
    this.on('error', () => {}); // default listener: an unhandled 'error' must not throw
  }

  async write(data: number[] | Buffer): Promise<number> {
    if (this.closedFlag) throw new Error('HID device is closed');
    const buf = Buffer.from(data as Buffer);
    // An interrupt OUT transfer takes one 1 ms frame.
    await new Promise((r) => setTimeout(r, 1));
    this.owner.receive(buf);
    return buf.length;
  }

  async close(): Promise<void> {
    this.closedFlag = true;
    this.owner.closed(this);
  }
}
