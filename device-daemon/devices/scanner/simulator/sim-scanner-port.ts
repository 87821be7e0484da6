import { randomUUID } from 'node:crypto';
import { SerialPortMock } from 'serialport';
import type { BindingInterface, BindingPortInterface, OpenOptions, PortInfo } from '../../transport/serial-binding';
import { paced, uartBytesPerSecond } from '../../id-card/simulator/pacing';
import type { ScanSuffix } from '../code-framer';

interface MockPortBinding extends BindingPortInterface {
  emitData(data: Buffer): void;
}
const MockBinding = SerialPortMock.binding as unknown as {
  createPort(path: string, opts: Record<string, unknown>): void;
  list(): Promise<PortInfo[]>;
  open(options: OpenOptions): Promise<MockPortBinding>;
};

export const SUFFIX_BYTES: Readonly<Record<ScanSuffix, Buffer>> = { CR: Buffer.from([0x0d]), CRLF: Buffer.from([0x0d, 0x0a]), LF: Buffer.from([0x0a]) };

export interface ScanTiming {
  /** Trigger to first byte: the scanner finds and decodes the symbol (a printed receipt QR: ~50–150 ms). */
  decodeMs: number;
  /** USB-CDC scanners hand the host bytes in bursts; this is the burst length in ms at the line rate. */
  sliceMs: number;
}
export const REALISTIC_SCAN: ScanTiming = { decodeMs: 80, sliceMs: 4 };
export const INSTANT_SCAN: ScanTiming = { decodeMs: 0, sliceMs: 4 };

/**
 * A 2D scanner in "USB virtual COM" mode on serialport's MockBinding,
 * in-process: what `driver: simulated` runs. It sends each code as UTF-8
 * followed by the configured suffix, paced at the port's baud rate (10 bit
 * times a byte) after a decode delay. unplug() breaks the open port the way a
 * yanked USB device does (the pending read fails, SerialPort reports a
 * disconnect) and hides the port until replug(). Host writes are accepted and
 * ignored (the driver sends none).
 */
export class SimScannerPort {
  readonly path: string;
  readonly binding: BindingInterface;
  private plugged = true;
  private current: ScannerPort | undefined;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    readonly suffix: ScanSuffix,
    readonly timing: ScanTiming = REALISTIC_SCAN,
    opts: { path?: string; vendorId?: string; productId?: string } = {},
  ) {
    // MockBinding's port table is process-wide (printer and reader simulators use it too): a unique path, never reset().
    this.path = opts.path ?? `/dev/sim-scanner-${randomUUID().slice(0, 8)}`;
    MockBinding.createPort(this.path, { echo: false, record: false, manufacturer: 'Simulated 2D scanner (USB CDC)', vendorId: opts.vendorId, productId: opts.productId });
    const self = this;
    this.binding = {
      async list(): Promise<PortInfo[]> {
        const all = await MockBinding.list();
        return self.plugged ? all.filter((p) => p.path === self.path) : [];
      },
      async open(options: OpenOptions): Promise<BindingPortInterface> {
        if (!self.plugged || options.path !== self.path) throw Object.assign(new Error(`no such device: ${options.path}`), { code: 'ENOENT' });
        const inner = await MockBinding.open(options);
        self.current = new ScannerPort(inner);
        return self.current;
      },
    };
  }

  get isPlugged(): boolean {
    return this.plugged;
  }

  /** A host has the port open and the scanner is attached: a scan now reaches it. */
  get connected(): boolean {
    return this.plugged && !!this.current?.alive;
  }

  /** One scan: the code and the suffix. Resolves when the last byte is on the wire. */
  scan(text: string): Promise<void> {
    return this.send(Buffer.concat([Buffer.from(text, 'utf8'), SUFFIX_BYTES[this.suffix]]));
  }

  /**
   * Raw bytes after the decode delay, paced (garbage, a code without its
   * suffix, a split code). `unplugAfter`: the cable is pulled after that many
   * bytes, mid-code.
   */
  send(bytes: Buffer, opts: { unplugAfter?: number } = {}): Promise<void> {
    const job = this.sending.then(async () => {
      if (this.timing.decodeMs) await new Promise((r) => setTimeout(r, this.timing.decodeMs));
      const port = this.current;
      if (!port?.alive) throw new Error('the simulated scanner is not connected');
      const limit = opts.unplugAfter ?? bytes.length;
      const baud = port.openOptions.baudRate;
      await paced(bytes.subarray(0, limit), uartBytesPerSecond(baud), (chunk) => port.deliver(chunk), { sliceMs: this.timing.sliceMs, abort: () => !port.alive });
      if (opts.unplugAfter !== undefined) this.unplug();
    });
    this.sending = job.catch(() => {});
    return job;
  }

  unplug(): void {
    if (!this.plugged) return;
    this.plugged = false;
    this.current?.disconnect();
    this.current = undefined;
  }

  replug(): void {
    this.plugged = true;
  }
}

class ScannerPort implements BindingPortInterface {
  private broken: Error | undefined;
  private rejectPending: ((e: Error) => void) | undefined;

  constructor(private readonly inner: MockPortBinding) {}

  get openOptions() {
    return this.inner.openOptions;
  }
  // Stays "open" after an unplug until SerialPort closes it: its disconnect handling only runs on an open port.
  get isOpen(): boolean {
    return this.inner.isOpen;
  }
  set isOpen(_v: boolean) {
    /* owned by the inner port */
  }

  get alive(): boolean {
    return this.inner.isOpen && !this.broken;
  }

  deliver(chunk: Buffer): void {
    if (this.alive) this.inner.emitData(chunk);
  }

  /** The USB device vanished: the pending read fails (not `canceled`), so SerialPort reports a disconnect and closes. */
  disconnect(): void {
    this.broken = new Error('simulated scanner unplugged (USB device gone)');
    this.rejectPending?.(this.broken);
  }

  async close(): Promise<void> {
    if (this.inner.isOpen) await this.inner.close();
  }

  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.rejectPending = reject;
      this.inner.read(buffer, offset, length).then(resolve, reject);
    });
  }

  async write(_buffer: Buffer): Promise<void> {
    if (this.broken) throw this.broken;
  }
  update(options: { baudRate: number }) {
    return this.inner.update(options);
  }
  set(options: Record<string, boolean>) {
    return this.inner.set(options);
  }
  get() {
    return this.inner.get();
  }
  getBaudRate() {
    return this.inner.getBaudRate();
  }
  flush() {
    return this.inner.flush();
  }
  async drain(): Promise<void> {
    if (this.broken) throw this.broken;
  }
}
