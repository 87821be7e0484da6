import { randomUUID } from 'node:crypto';
import { SerialPortMock } from 'serialport';
import type { BindingInterface, BindingPortInterface, OpenOptions, PortInfo } from '../transport/serial-binding';
import { paced, uartBytesPerSecond } from './pacing';
import type { SamSimulator } from './sam-simulator';

interface MockPortBinding extends BindingPortInterface {
  emitData(data: Buffer): void;
}
const MockBinding = SerialPortMock.binding as unknown as {
  createPort(path: string, opts: Record<string, unknown>): void;
  list(): Promise<PortInfo[]>;
  open(options: OpenOptions): Promise<MockPortBinding>;
};

/**
 * The simulated reader on serialport's MockBinding, in-process: what
 * `driver: simulated` runs. The driver opens it with the same SerialPort
 * class and transport it uses for hardware. Added to MockBinding: host
 * writes reach the module and replies reach the host paced at the port's
 * baud rate (10 bit times per byte), and unplug() breaks the open port the
 * way a yanked USB-serial adapter does (the pending read fails, SerialPort
 * reports a disconnect) and hides the port until replug().
 */
export class SimSerialBinding {
  readonly path: string;
  readonly binding: BindingInterface;
  private plugged = true;
  private current: PacedPort | undefined;

  constructor(
    readonly sim: SamSimulator,
    opts: { path?: string; vendorId?: string; productId?: string; serialNumber?: string } = {},
  ) {
    // MockBinding's port table is process-wide (the printer emulator uses it too): unique path, never reset().
    this.path = opts.path ?? `/dev/sim-idcard-${randomUUID().slice(0, 8)}`;
    MockBinding.createPort(this.path, { echo: false, record: false, manufacturer: 'Simulated SAM_V ID-card reader', vendorId: opts.vendorId, productId: opts.productId });
    sim.wire = {
      send: async (frame, abort) => {
        const port = this.current;
        if (!port?.alive) return;
        await paced(frame, uartBytesPerSecond(port.openOptions.baudRate), (chunk) => port.deliver(chunk), { abort: (sent) => !!abort?.(sent) || !port.alive });
      },
    };
    const self = this;
    const serial = opts.serialNumber;
    this.binding = {
      async list(): Promise<PortInfo[]> {
        const all = await MockBinding.list();
        return self.plugged ? all.filter((p) => p.path === self.path).map((p) => ({ ...p, ...(serial ? { serialNumber: serial } : {}) })) : [];
      },
      async open(options: OpenOptions): Promise<BindingPortInterface> {
        if (!self.plugged || options.path !== self.path) throw Object.assign(new Error(`no such device: ${options.path}`), { code: 'ENOENT' });
        const inner = await MockBinding.open(options);
        self.current = new PacedPort(inner, sim);
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
    this.current?.disconnect();
    this.current = undefined;
  }

  replug(): void {
    if (this.plugged) return;
    this.plugged = true;
    this.sim.powerCycle();
  }
}

class PacedPort implements BindingPortInterface {
  private broken: Error | undefined;
  private rejectPending: ((e: Error) => void) | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly inner: MockPortBinding,
    private readonly sim: SamSimulator,
  ) {}

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

  /** Still connected to the simulated module. */
  get alive(): boolean {
    return this.inner.isOpen && !this.broken;
  }

  deliver(chunk: Buffer): void {
    if (this.alive) this.inner.emitData(chunk);
  }

  /** The USB device vanished: the pending read fails (not `canceled`), so SerialPort reports a disconnect and closes. */
  disconnect(): void {
    this.broken = new Error('simulated ID-card reader unplugged (USB device gone)');
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

  write(buffer: Buffer): Promise<void> {
    const op = this.writing.then(async () => {
      if (this.broken) throw this.broken;
      await paced(Buffer.from(buffer), uartBytesPerSecond(this.openOptions.baudRate), (chunk) => {
        if (this.broken) throw this.broken;
        this.sim.receive(chunk);
      });
    });
    this.writing = op.catch(() => {});
    return op;
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
