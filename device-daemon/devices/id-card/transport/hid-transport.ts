import { NoDeviceError } from '../../lifecycle-device';
import type { HidWrapper, ReportDecoder } from './hid-wrapper';
import { miaxisWrapper } from './hid-miaxis';
import { normUsbId, ReaderTransportBase, type ReaderTransport } from './transport';

/** Vendor wrappers by config variant. Adding a vendor: one file like hid-miaxis.ts and one line here. */
export const HID_WRAPPERS: Readonly<Record<string, HidWrapper>> = { miaxis: miaxisWrapper };

/** The part of node-hid's HIDAsync the transport uses (the simulator implements it too). */
export interface HidDeviceLike {
  write(data: number[] | Buffer): Promise<number>;
  on(event: 'data', fn: (report: Buffer) => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  close(): Promise<void>;
}

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string;
  serialNumber?: string;
}

export interface HidBackend {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidDeviceLike>;
}

/** node-hid, loaded on first use: its native part needs libudev and libusb-1.0 at run time. */
export const nodeHidBackend: HidBackend = {
  async devices() {
    return (await loadNodeHid()).devicesAsync();
  },
  async open(path: string) {
    return (await loadNodeHid()).HIDAsync.open(path) as unknown as Promise<HidDeviceLike>;
  },
};

async function loadNodeHid(): Promise<typeof import('node-hid')> {
  try {
    const mod = (await import('node-hid')) as typeof import('node-hid') & { default?: typeof import('node-hid') };
    const hid = mod.default ?? mod;
    hid.devices; // touch: the binding loads lazily on first call, which is where a missing libusb shows
    return hid;
  } catch (err) {
    throw new Error(`node-hid cannot load (${(err as Error).message}); install libusb-1.0-0 and libudev1`);
  }
}

export interface HidTarget {
  wrapper: HidWrapper;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  /** hidraw path: overrides id matching. */
  path?: string;
  backend?: HidBackend;
}

/**
 * SAM readers behind a vendor HID wrapper. Output: each SAM request frame is
 * wrapped into reports (report id 0 prepended, as hidapi expects for devices
 * without numbered reports). Input: reports are unwrapped and the SAM bytes
 * passed on; the driver's frame parser reassembles replies by LEN.
 */
export class HidReaderTransport extends ReaderTransportBase implements ReaderTransport {
  private dev: HidDeviceLike | undefined;
  private decoder: ReportDecoder | undefined;
  private openedPath: string | undefined;
  private readonly backend: HidBackend;

  constructor(private readonly target: HidTarget) {
    super();
    this.backend = target.backend ?? nodeHidBackend;
  }

  get describe(): string {
    const ids = this.target.vendorId ? `${normUsbId(this.target.vendorId)}:${normUsbId(this.target.productId)}` : 'known ids';
    return `hid:${this.openedPath ?? this.target.path ?? ids}/${this.target.wrapper.variant}`;
  }

  get isOpen(): boolean {
    return !!this.dev;
  }

  get bytesPerSecond(): number {
    return this.target.wrapper.bytesPerSecond;
  }

  async open(): Promise<void> {
    if (this.dev) return;
    const path = await this.resolvePath();
    let dev: HidDeviceLike;
    try {
      dev = await this.backend.open(path);
    } catch (err) {
      const msg = (err as Error).message;
      if (/permission|access/i.test(msg)) throw new Error(`${path}: permission denied (add a udev rule giving the kiosk user the hidraw device)`);
      throw new NoDeviceError(`${path}: ${msg}`);
    }
    const decoder = this.target.wrapper.hostDecoder();
    dev.on('data', (report: Buffer) => {
      if (this.dev !== dev) return;
      const sam = decoder.push(report);
      if (sam.length) this.emitData(sam);
    });
    dev.on('error', (err: Error) => {
      if (this.dev !== dev) return;
      this.dev = undefined;
      void dev.close().catch(() => {});
      this.emitLost(`HID device lost (${err.message})`);
    });
    this.dev = dev;
    this.decoder = decoder;
    this.openedPath = path;
  }

  async send(frame: Buffer): Promise<void> {
    const dev = this.dev;
    if (!dev) throw new Error('HID device is not open');
    for (const report of this.target.wrapper.hostEncode(frame)) await dev.write(Buffer.concat([Buffer.from([0x00]), report]));
  }

  async close(): Promise<void> {
    const dev = this.dev;
    this.dev = undefined;
    this.decoder = undefined;
    if (dev) await dev.close().catch(() => {});
  }

  /** Malformed reports seen (bad flag or sum), for diagnostics. */
  get reportErrors(): number {
    return this.decoder?.errors ?? 0;
  }

  private async resolvePath(): Promise<string> {
    const t = this.target;
    if (t.path) return t.path;
    let list: HidDeviceInfo[];
    try {
      list = await this.backend.devices();
    } catch (err) {
      throw new Error((err as Error).message);
    }
    const wanted = t.vendorId && t.productId ? [{ vendorId: t.vendorId, productId: t.productId }] : t.wrapper.knownIds;
    const match = list.find(
      (d) =>
        d.path &&
        wanted.some((w) => normUsbId(d.vendorId) === normUsbId(w.vendorId) && normUsbId(d.productId) === normUsbId(w.productId)) &&
        (!t.serialNumber || d.serialNumber === t.serialNumber),
    );
    if (!match?.path) throw new NoDeviceError(`no ${t.wrapper.variant} HID reader (${wanted.map((w) => `${w.vendorId}:${w.productId}`).join(', ')}) is attached`);
    return match.path;
  }
}
