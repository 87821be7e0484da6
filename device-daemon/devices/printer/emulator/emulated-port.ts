import { randomUUID } from 'node:crypto';
import { SerialPortMock } from 'serialport';
import type { PrinterEmulator } from './printer-emulator';

import type { BindingInterface, BindingPortInterface, OpenOptions, PortInfo } from '../../transport/serial-binding';

export type { BindingInterface, BindingPortInterface, OpenOptions, PortInfo };

interface MockPortBinding extends BindingPortInterface {
  emitData(data: Buffer): void;
}
const MockBinding = SerialPortMock.binding as unknown as {
  createPort(path: string, opts: Record<string, unknown>): void;
  list(): Promise<PortInfo[]>;
  open(options: OpenOptions): Promise<MockPortBinding>;
};

/**
 * A serialport 13 binding whose far end is the printer emulator, built on
 * serialport's MockBinding (which moves replies into the port's read path).
 * What MockBinding lacks is added here: writes reach the emulator paced at
 * the baud rate (10 bit times per byte), and unplug() breaks the open port
 * the way a yanked USB-serial adapter does (the pending read fails without
 * `canceled`, so SerialPort reports a disconnect) and refuses opens until
 * replug(). The driver opens it with the same SerialPort class it uses for
 * real hardware.
 */
export class EmulatedPrinterPort {
  readonly path: string;
  private plugged = true;
  private current: PacedPort | undefined;
  readonly binding: BindingInterface;
  /** Instant first-byte timestamps for the bench: called with performance.now() when a write reaches the wire. */
  onFirstByte: ((at: number) => void) | undefined;

  constructor(
    readonly emulator: PrinterEmulator,
    opts: { path?: string; vendorId?: string; productId?: string } = {},
  ) {
    // MockBinding's port table is process-wide (the card reader simulator may use it too): a unique path, never reset().
    this.path = opts.path ?? `/dev/sim-printer-${randomUUID().slice(0, 8)}`;
    MockBinding.createPort(this.path, { echo: false, record: false, manufacturer: 'Simulated ESC/POS printer', vendorId: opts.vendorId, productId: opts.productId });
    emulator.onReply((bytes) => {
      if (this.current?.isOpen && this.current.inner.isOpen) this.current.inner.emitData(bytes);
    });
    const self = this;
    this.binding = {
      async list(): Promise<PortInfo[]> {
        const all = await MockBinding.list();
        return self.plugged ? all.filter((p) => p.path === self.path) : [];
      },
      async open(options: OpenOptions): Promise<BindingPortInterface> {
        if (!self.plugged || options.path !== self.path) throw Object.assign(new Error(`no such device: ${options.path}`), { code: 'ENOENT' });
        const inner = await MockBinding.open(options);
        self.current = new PacedPort(inner, self);
        return self.current;
      },
    };
  }

  get isPlugged(): boolean {
    return this.plugged;
  }

  unplug(): void {
    if (!this.plugged) return;
    this.plugged = false;
    this.emulator.unplug();
    this.current?.disconnect();
    this.current = undefined;
  }

  replug(): void {
    if (this.plugged) return;
    this.plugged = true;
    this.emulator.replug();
  }
}

class PacedPort implements BindingPortInterface {
  private broken: Error | undefined;
  private rejectPending: ((e: Error) => void) | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly inner: MockPortBinding,
    private readonly owner: EmulatedPrinterPort,
  ) {}

  get openOptions() {
    return this.inner.openOptions;
  }
  private closed = false;
  /** Stays true after a disconnect until SerialPort closes us: that is how it tells a disconnect from a close. */
  get isOpen(): boolean {
    return !this.closed;
  }
  set isOpen(_v: boolean) {
    /* owned by the inner port */
  }

  disconnect(): void {
    this.broken = new Error('simulated printer unplugged (USB device gone)');
    this.rejectPending?.(this.broken);
    void this.inner.close().catch(() => {});
  }

  async close(): Promise<void> {
    if (this.closed) throw new Error('Port is not open');
    this.closed = true;
    if (!this.broken) await this.inner.close();
  }

  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.rejectPending = reject;
      this.inner.read(buffer, offset, length).then(resolve, reject);
    });
  }

  write(buffer: Buffer): Promise<void> {
    const op = this.writing.then(() => this.paced(buffer));
    this.writing = op.catch(() => {});
    return op;
  }

  /** Deliver in ~20 ms slices at 10 bit times per byte: the emulator sees bytes when a real UART would. */
  private async paced(buffer: Buffer): Promise<void> {
    const baud = this.inner.openOptions.baudRate;
    const bytesPerMs = baud / 10 / 1000;
    const slice = Math.max(16, Math.round(bytesPerMs * 20));
    const start = performance.now();
    let sent = 0;
    for (let off = 0; off < buffer.length; off += slice) {
      const part = buffer.subarray(off, off + slice);
      if (off === 0) this.owner.onFirstByte?.(performance.now());
      const due = start + (sent + part.length) / bytesPerMs;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      if (this.broken) throw this.broken;
      await this.inner.write(Buffer.from(part));
      this.owner.emulator.receive(part);
      sent += part.length;
    }
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
    await this.writing;
    if (this.broken) throw this.broken;
  }
}
