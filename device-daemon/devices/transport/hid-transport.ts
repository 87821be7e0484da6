import { NoDeviceError } from '../lifecycle-device';
import { TransportBase, type ByteTransport } from './byte-transport';
import { nodeHidBackend, type HidBackend, type HidDeviceInfo, type HidDeviceLike } from './hid-backend';
import { normUsbId } from './usb-id';

/**
 * How a device class carries its byte stream in HID reports: a vendor's SAM
 * wrapper (id-card/transport/hid-miaxis.ts), keyboard reports of a scanner
 * (scanner/hid-keyboard.ts), a rating pad's reports. The transport does the
 * USB side (find, open, read loop, loss); the framing only turns reports
 * into bytes and back.
 */
export interface HidFraming {
  /** Names the framing in the link description (hid:/dev/hidraw3/<name>) and in config (variant). */
  readonly name: string;
  /** What the device is called in "not attached" messages. */
  readonly deviceName: string;
  /** USB ids the framing's devices are known by (used when the config gives none). */
  readonly knownIds: ReadonlyArray<{ vendorId: string; productId: string }>;
  /** Input/output report size without the report-id byte. */
  readonly reportBytes: number;
  /** Payload rate of the link, for command deadlines (full-speed interrupt: one report per 1 ms frame). */
  readonly bytesPerSecond: number;
  /** Of a composite device's interfaces, the one carrying this framing (default: the first that matches the ids). */
  prefer?(info: HidDeviceInfo): boolean;
  /** Host → device: one protocol frame as output reports. */
  hostEncode(bytes: Buffer): Buffer[];
  /** Device → host: a decoder for one open link (it may keep state across reports). */
  hostDecoder(): ReportDecoder;
}

export interface ReportDecoder {
  /** Bytes carried by this report (possibly none); a malformed report yields none and counts as an error. */
  push(report: Buffer): Buffer;
  readonly errors: number;
}

export interface HidTarget {
  framing: HidFraming;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  /** hidraw path: overrides id matching. */
  path?: string;
  /** Default node-hid; a simulated backend in simulators and tests. */
  backend?: HidBackend;
}

/**
 * A HID device as a byte link, through node-hid (hidraw). Opened by path or
 * by USB ids (and serial number); output frames go out as the framing's
 * reports with report id 0 prepended (as hidapi expects for devices without
 * numbered reports); input reports are decoded and their bytes passed on. A
 * read error (the device was unplugged) is reported once through onLost.
 */
export class HidTransport extends TransportBase implements ByteTransport {
  private dev: HidDeviceLike | undefined;
  private decoder: ReportDecoder | undefined;
  private openedPath: string | undefined;
  private readonly backend: HidBackend;

  constructor(private readonly target: HidTarget) {
    super();
    this.backend = target.backend ?? nodeHidBackend;
  }

  get describe(): string {
    return `hid:${this.openedPath ?? this.target.path ?? this.wanted().map(showIds).join(',')}/${this.target.framing.name}`;
  }

  get isOpen(): boolean {
    return !!this.dev;
  }

  get bytesPerSecond(): number {
    return this.target.framing.bytesPerSecond;
  }

  /** Malformed reports seen on the current link (bad flag or sum), for diagnostics. */
  get reportErrors(): number {
    return this.decoder?.errors ?? 0;
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
    const decoder = this.target.framing.hostDecoder();
    dev.on('data', (report: Buffer) => {
      if (this.dev !== dev) return;
      const bytes = decoder.push(report);
      if (bytes.length) this.emitData(bytes);
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

  async write(data: Buffer): Promise<void> {
    const dev = this.dev;
    if (!dev) throw new Error('HID device is not open');
    for (const report of this.target.framing.hostEncode(data)) await dev.write(Buffer.concat([Buffer.from([0x00]), report]));
  }

  async close(): Promise<void> {
    const dev = this.dev;
    this.dev = undefined;
    if (dev) await dev.close().catch(() => {});
  }

  private wanted(): ReadonlyArray<{ vendorId: string; productId: string }> {
    const t = this.target;
    return t.vendorId && t.productId ? [{ vendorId: t.vendorId, productId: t.productId }] : t.framing.knownIds;
  }

  private async resolvePath(): Promise<string> {
    const t = this.target;
    if (t.path) return t.path;
    const wanted = this.wanted();
    const mine = (await this.backend.devices()).filter(
      (d) =>
        d.path && wanted.some((w) => normUsbId(d.vendorId) === normUsbId(w.vendorId) && normUsbId(d.productId) === normUsbId(w.productId)) && (!t.serialNumber || d.serialNumber === t.serialNumber),
    );
    const match = (t.framing.prefer && mine.find((d) => t.framing.prefer!(d))) || mine[0];
    if (!match?.path) throw new NoDeviceError(`no ${t.framing.deviceName} ${wanted.map(showIds).join(', ') || '(no USB ids configured)'} is attached`);
    return match.path;
  }
}

const showIds = (w: { vendorId: string; productId: string }) => `${normUsbId(w.vendorId)}:${normUsbId(w.productId)}`;
