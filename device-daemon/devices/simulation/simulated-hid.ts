import { EventEmitter } from 'node:events';
import type { HidBackend, HidDeviceInfo, HidDeviceLike } from '../transport/hid-backend';

export interface SimulatedHidOptions {
  /** What enumeration lists: one entry per interface of the device (paths default to one generated /dev/hidraw-sim-…). */
  interfaces?: HidDeviceInfo[];
  /** Output reports from the host, report id stripped (the device has no numbered reports). */
  onOutput?: (report: Buffer) => void;
  /** Output report size without the report id, to know when a leading 0x00 is the id. */
  reportBytes?: number;
  /** Interrupt endpoint interval: one input report per USB frame, 1 ms at full speed. */
  reportIntervalMs?: number;
}

/**
 * A HID device seen through the backend interface node-hid provides, for
 * simulators (the HID ID-card reader, a rating pad) and tests of HID
 * drivers. Input reports reach the host one per interval; output reports
 * take one interval to go out. unplug() fails the open handle the way
 * node-hid does when the device disappears and hides it from enumeration
 * until replug(); `accessDenied` makes opens fail as on a hidraw node
 * without a udev rule.
 */
export class SimulatedHidBackend implements HidBackend {
  /** Paths opened, in order. */
  readonly opened: string[] = [];
  accessDenied = false;
  private plugged = true;
  private current: SimulatedHidHandle | undefined;
  private readonly interfaces: HidDeviceInfo[];
  private sending: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: SimulatedHidOptions = {}) {
    const fallback = `/dev/hidraw-sim-${Math.random().toString(36).slice(2, 8)}`;
    this.interfaces = (opts.interfaces ?? [{ vendorId: 0, productId: 0 }]).map((i) => ({ ...i, path: i.path ?? fallback }));
  }

  get isPlugged(): boolean {
    return this.plugged;
  }

  /** The path of the first interface (the one a single-interface device has). */
  get path(): string {
    return this.interfaces[0]!.path!;
  }

  async devices(): Promise<HidDeviceInfo[]> {
    return this.plugged ? this.interfaces.map((i) => ({ ...i })) : [];
  }

  async open(path: string): Promise<HidDeviceLike> {
    if (this.accessDenied) throw new Error(`open failed: Permission denied (${path})`);
    if (!this.plugged || !this.interfaces.some((i) => i.path === path)) throw new Error(`could not open HID device ${path}`);
    this.current?.emit('error', new Error('reopened'));
    this.opened.push(path);
    this.current = new SimulatedHidHandle(this);
    return this.current;
  }

  /**
   * Input reports to the host, paced at the report interval and queued
   * behind earlier ones. `abort` is polled before each report with its index;
   * resolves with the number delivered (0 when no host has the device open).
   */
  sendReports(reports: Buffer[], abort?: (index: number) => boolean): Promise<number> {
    const op = this.sending.then(async () => {
      const dev = this.current;
      const interval = this.opts.reportIntervalMs ?? 1;
      const start = performance.now();
      for (let i = 0; i < reports.length; i++) {
        const wait = start + (i + 1) * interval - performance.now();
        if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
        if (abort?.(i) || !dev || this.current !== dev) return i;
        dev.emit('data', reports[i]);
      }
      return reports.length;
    });
    this.sending = op.catch(() => {});
    return op;
  }

  unplug(): void {
    if (!this.plugged) return;
    this.plugged = false;
    const dev = this.current;
    this.current = undefined;
    dev?.emit('error', new Error('could not read from HID device'));
  }

  replug(): void {
    this.plugged = true;
  }

  /** From the handle: an output report (report id first) left the host. */
  output(data: Buffer): void {
    const n = this.opts.reportBytes;
    const report = data[0] === 0x00 && n !== undefined && data.length === n + 1 ? data.subarray(1) : data;
    this.opts.onOutput?.(Buffer.from(report));
  }

  /** From the handle: the host closed it. */
  closed(dev: SimulatedHidHandle): void {
    if (this.current === dev) this.current = undefined;
  }
}

class SimulatedHidHandle extends EventEmitter implements HidDeviceLike {
  private isClosed = false;

  constructor(private readonly owner: SimulatedHidBackend) {
    super();
    this.on('error', () => {}); // a default listener: an unhandled 'error' must not throw
  }

  async write(data: number[] | Buffer): Promise<number> {
    if (this.isClosed) throw new Error('HID device is closed');
    const buf = Buffer.from(data as Buffer);
    await new Promise((r) => setTimeout(r, 1)); // an interrupt OUT transfer takes one 1 ms frame
    this.owner.output(buf);
    return buf.length;
  }

  async close(): Promise<void> {
    this.isClosed = true;
    this.owner.closed(this);
  }
}
