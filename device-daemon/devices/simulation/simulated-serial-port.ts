import { randomUUID } from 'node:crypto';
import { SerialPortMock } from 'serialport';
import type { BindingInterface, BindingPortInterface, OpenOptions, PortInfo } from '../transport/serial-binding';
import { PacedLine, uartBytesPerSecond, type PaceOptions } from './pacing';

/** The device behind a simulated serial port: its own protocol code, fed the host's bytes. */
export interface SimulatedSerialDevice {
  /** Bytes from the host, handed over when the device's UART would have them (paced at the baud). */
  receive(chunk: Buffer): void;
  /** The cable was pulled: the device loses power. */
  powerOff?(): void;
  /** Plugged in again: the device powers up from its reset state. */
  powerOn?(): void;
}

export interface SimulatedSerialPortOptions {
  /** Names the generated path: /dev/sim-<kind>-xxxxxxxx. */
  kind: string;
  /** What the device is called in the unplug error ("simulated <name> unplugged"); default `kind`. */
  name?: string;
  /** What a port listing shows as the manufacturer. */
  manufacturer: string;
  path?: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  /** Host → device burst length in ms; default 4. Larger bursts cost fewer timers on long writes (print jobs). */
  hostSliceMs?: number;
  /** Device → host burst length in ms; default 4 (a UART read or a USB-CDC transfer returns a few ms of bytes). */
  deviceSliceMs?: number;
}

interface MockPortBinding extends BindingPortInterface {
  emitData(data: Buffer): void;
}
const MockBinding = SerialPortMock.binding as unknown as {
  createPort(path: string, opts: Record<string, unknown>): void;
  list(): Promise<PortInfo[]>;
  open(options: OpenOptions): Promise<MockPortBinding>;
};

/**
 * A serial device simulated in-process on serialport's MockBinding: the
 * driver opens it with the same SerialPort class and transport it uses for
 * hardware (pass `binding` to the transport). Added to MockBinding, which
 * moves bytes instantly and cannot be unplugged:
 * - both directions are paced at the open port's baud (10 bit times a byte),
 *   in order, so drivers meet real wire times and bytes split across reads;
 * - unplug() breaks the open port the way a yanked USB-serial adapter does
 *   (the pending read fails without `canceled`, so SerialPort reports a
 *   disconnect and closes), hides the port from listings and refuses opens
 *   until replug();
 * - send() can cut a reply at an exact byte or stop it when a condition
 *   turns (a card pulled, a cable yanked mid-code).
 * MockBinding's port table is process-wide and shared by every simulator, so
 * each port gets a unique path and the table is never reset().
 */
export class SimulatedSerialPort {
  readonly path: string;
  readonly binding: BindingInterface;
  /** Called with performance.now() when a host write starts onto the wire (latency benches). */
  onFirstByte: ((at: number) => void) | undefined;
  private plugged = true;
  private current: PacedPort | undefined;
  /** The port an unplug broke, until MockBinding has let go of it. */
  private releasing: Promise<void> = Promise.resolve();
  private readonly toDevice: PacedLine;
  private readonly toHost: PacedLine;

  constructor(
    private readonly device: SimulatedSerialDevice,
    opts: SimulatedSerialPortOptions,
  ) {
    this.path = opts.path ?? `/dev/sim-${opts.kind}-${randomUUID().slice(0, 8)}`;
    this.toDevice = new PacedLine(opts.hostSliceMs);
    this.toHost = new PacedLine(opts.deviceSliceMs);
    MockBinding.createPort(this.path, { echo: false, record: false, manufacturer: opts.manufacturer, vendorId: opts.vendorId, productId: opts.productId });
    this.binding = {
      list: async () => {
        if (!this.plugged) return [];
        const mine = (await MockBinding.list()).filter((p) => p.path === this.path);
        return mine.map((p) => ({ ...p, ...(opts.serialNumber ? { serialNumber: opts.serialNumber } : {}) }));
      },
      open: async (options) => {
        if (!this.plugged || options.path !== this.path) throw Object.assign(new Error(`no such device: ${options.path}`), { code: 'ENOENT' });
        await this.releasing;
        const port: PacedPort = new PacedPort(await MockBinding.open(options), `simulated ${opts.name ?? opts.kind}`, (data) => this.fromHost(port, data));
        this.current = port;
        return port;
      },
    };
  }

  get isPlugged(): boolean {
    return this.plugged;
  }

  /** Plugged in and opened by a host: what the device sends now reaches it. */
  get connected(): boolean {
    return this.plugged && !!this.current?.alive;
  }

  /**
   * Device → host: queued behind earlier sends and paced at the baud.
   * Resolves with the bytes delivered: all of them, fewer when `cutAt` or
   * `abort` stopped the transfer or the host lost the port, 0 when no host
   * has it open.
   */
  send(bytes: Buffer, opts: PaceOptions = {}): Promise<number> {
    const port = this.current;
    if (!port?.alive) return Promise.resolve(0);
    const bps = uartBytesPerSecond(port.openOptions.baudRate);
    return this.toHost.send(bytes, bps, (chunk) => port.deliver(chunk), { ...opts, abort: (sent) => !port.alive || !!opts.abort?.(sent) });
  }

  unplug(): void {
    if (!this.plugged) return;
    this.plugged = false;
    this.device.powerOff?.();
    if (this.current) this.releasing = this.current.disconnect();
    this.current = undefined;
  }

  replug(): void {
    if (this.plugged) return;
    this.plugged = true;
    this.device.powerOn?.();
  }

  private async fromHost(port: PacedPort, data: Buffer): Promise<void> {
    const bps = uartBytesPerSecond(port.openOptions.baudRate);
    const sent = await this.toDevice.send(data, bps, (chunk) => this.device.receive(chunk), {
      onStart: () => this.onFirstByte?.(performance.now()),
      abort: () => !port.alive,
    });
    if (sent < data.length) throw port.failure ?? new Error('the simulated port closed during a write');
  }
}

/**
 * The open port the driver's SerialPort holds: MockBinding's port for the
 * read path, paced writes to the device, and the unplug behaviour.
 */
class PacedPort implements BindingPortInterface {
  private broken: Error | undefined;
  private closed = false;
  private rejectPending: ((e: Error) => void) | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly inner: MockPortBinding,
    private readonly name: string,
    private readonly toDevice: (data: Buffer) => Promise<void>,
  ) {}

  get openOptions(): OpenOptions {
    return this.inner.openOptions;
  }

  /** Stays true after an unplug until SerialPort closes the port: SerialPort handles a disconnect only on an open port. */
  get isOpen(): boolean {
    return !this.closed;
  }
  set isOpen(_v: boolean) {
    /* owned here */
  }

  /** Still connected to the device. */
  get alive(): boolean {
    return !this.closed && !this.broken;
  }

  get failure(): Error | undefined {
    return this.broken;
  }

  deliver(chunk: Buffer): void {
    if (this.alive) this.inner.emitData(chunk);
  }

  /** The USB device vanished: the pending read fails (not `canceled`), so SerialPort reports a disconnect and closes. */
  /** Resolves when MockBinding's port is free again (a replug can reopen the path). */
  disconnect(): Promise<void> {
    const gone = new Error(`${this.name} unplugged (USB device gone)`);
    this.broken = gone;
    // Bytes already in the host's buffer are still read (a tty hands over what arrived before the
    // hang-up): MockBinding hands them over on the next tick, so the read fails only after that.
    return new Promise((resolve) =>
      setImmediate(() => {
        this.rejectPending?.(gone);
        this.inner.close().then(resolve, () => resolve());
      }),
    );
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
    if (this.broken) return Promise.reject(this.broken);
    const op = this.toDevice(Buffer.from(buffer));
    this.writing = op.catch(() => {});
    return op;
  }

  /** Resolves when every byte written so far has reached the device; rejects if the cable went meanwhile. */
  async drain(): Promise<void> {
    await this.writing;
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
}
