import { NoDeviceError } from '../lifecycle-device';
import { SerialTransport, type SerialTarget } from '../transport/serial-transport';
import { normUsbId } from '../transport/byte-transport';
import { nodeHidBackend, type HidBackend, type HidDeviceInfo, type HidDeviceLike } from '../id-card/transport/hid-transport';
import { CodeFramer, type FramerOptions, type FramerOutput } from './code-framer';
import { KeyboardReportDecoder } from './hid-keyboard';

/**
 * Where scanned codes come from: a link that delivers whole codes (or says
 * why it dropped one). open() throws NoDeviceError when the scanner is not
 * attached; after open a lost link is reported once through onLost.
 */
export interface ScanSource {
  readonly describe: string;
  open(): Promise<void>;
  close(): Promise<void>;
  onCode(fn: (o: FramerOutput) => void): void;
  onLost(fn: (reason: string) => void): void;
}

abstract class SourceBase {
  private codeFns: Array<(o: FramerOutput) => void> = [];
  private lostFns: Array<(r: string) => void> = [];
  onCode(fn: (o: FramerOutput) => void): void {
    this.codeFns.push(fn);
  }
  onLost(fn: (reason: string) => void): void {
    this.lostFns.push(fn);
  }
  protected emitCode(o: FramerOutput): void {
    for (const f of this.codeFns) f(o);
  }
  protected emitLost(reason: string): void {
    for (const f of this.lostFns) f(reason);
  }
}

/** A scanner in "USB virtual COM" / RS-232 mode: the shared serial transport, codes cut by CodeFramer. */
export class SerialScanSource extends SourceBase implements ScanSource {
  private readonly transport: SerialTransport;
  private readonly framer: CodeFramer;

  constructor(target: SerialTarget, framing: FramerOptions) {
    super();
    this.transport = new SerialTransport(target);
    this.framer = new CodeFramer(framing);
    this.framer.onOutput((o) => this.emitCode(o));
    this.transport.onData((chunk) => this.framer.push(chunk));
    this.transport.onLost((reason) => {
      this.framer.reset(); // a code cut off by the unplug is reported as partial, never completed by later bytes
      this.emitLost(reason);
    });
  }

  get describe(): string {
    return this.transport.describe;
  }

  async open(): Promise<void> {
    await this.transport.close().catch(() => {});
    this.framer.reset();
    await this.transport.open();
  }

  async close(): Promise<void> {
    await this.transport.close();
    this.framer.reset();
  }
}

export interface HidScanTarget {
  vendorId: string;
  productId: string;
  serialNumber?: string;
  /** hidraw path: overrides id matching. */
  path?: string;
  backend?: HidBackend;
  framing: Omit<FramerOptions, 'suffix'>;
}

/** Generic Desktop / Keyboard: the interface of a composite scanner that carries keyboard reports. */
const KEYBOARD_USAGE_PAGE = 0x01;
const KEYBOARD_USAGE = 0x06;

/**
 * A scanner that sends keyboard reports (keyboard-wedge or its HID-keyboard
 * mode), read through node-hid (hidraw). Key presses become the characters of
 * the US layout (hid-keyboard.ts); Enter ends the code. The characters are
 * fed to the same CodeFramer as the serial driver (Enter = CR), so the
 * inter-key timeout and max length behave identically; a key that types no
 * character makes the code garbage.
 */
export class HidScanSource extends SourceBase implements ScanSource {
  private dev: HidDeviceLike | undefined;
  private openedPath: string | undefined;
  private readonly backend: HidBackend;
  private readonly framer: CodeFramer;
  private readonly keys = new KeyboardReportDecoder();

  constructor(private readonly target: HidScanTarget) {
    super();
    this.backend = target.backend ?? nodeHidBackend;
    this.framer = new CodeFramer({ ...target.framing, suffix: 'CR' });
    this.framer.onOutput((o) => this.emitCode(o));
  }

  get describe(): string {
    return `hid:${this.openedPath ?? this.target.path ?? `${normUsbId(this.target.vendorId)}:${normUsbId(this.target.productId)}`}/keyboard`;
  }

  /** Feed one input report (exposed for tests of recorded reports). */
  report(report: Buffer): void {
    for (const e of this.keys.push(report)) {
      if (e.type === 'enter') this.framer.push(Buffer.from([0x0d]));
      else if (e.type === 'char') this.framer.push(Buffer.from(e.char, 'utf8'));
      else this.framer.push(Buffer.from([0x00])); // a key that types nothing: the code cannot be trusted
    }
  }

  async open(): Promise<void> {
    await this.close();
    const path = await this.resolvePath();
    let dev: HidDeviceLike;
    try {
      dev = await this.backend.open(path);
    } catch (err) {
      const msg = (err as Error).message;
      if (/permission|access/i.test(msg)) throw new Error(`${path}: permission denied (add a udev rule giving the kiosk user the hidraw device)`);
      throw new NoDeviceError(`${path}: ${msg}`);
    }
    dev.on('data', (report: Buffer) => {
      if (this.dev === dev) this.report(report);
    });
    dev.on('error', (err: Error) => {
      if (this.dev !== dev) return;
      this.dev = undefined;
      void dev.close().catch(() => {});
      this.framer.reset();
      this.keys.reset();
      this.emitLost(`HID scanner lost (${err.message})`);
    });
    this.dev = dev;
    this.openedPath = path;
  }

  async close(): Promise<void> {
    const dev = this.dev;
    this.dev = undefined;
    this.framer.reset();
    this.keys.reset();
    if (dev) await dev.close().catch(() => {});
  }

  private async resolvePath(): Promise<string> {
    const t = this.target;
    if (t.path) return t.path;
    const list = (await this.backend.devices()) as Array<HidDeviceInfo & { usagePage?: number; usage?: number }>;
    const mine = list.filter(
      (d) => d.path && normUsbId(d.vendorId) === normUsbId(t.vendorId) && normUsbId(d.productId) === normUsbId(t.productId) && (!t.serialNumber || d.serialNumber === t.serialNumber),
    );
    // A composite scanner has several interfaces: take the keyboard one when hidraw tells usages.
    const match = mine.find((d) => d.usagePage === KEYBOARD_USAGE_PAGE && d.usage === KEYBOARD_USAGE) ?? mine[0];
    if (!match?.path) throw new NoDeviceError(`no HID scanner ${normUsbId(t.vendorId)}:${normUsbId(t.productId)} is attached`);
    return match.path;
  }
}
