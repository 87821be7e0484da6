import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { NoDeviceError } from '../../lifecycle-device';
import { TransportBase, type PrinterTransport } from './transport';
import type { BindingInterface } from '../emulator/emulated-port';

export interface SerialTarget {
  path?: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  baudRate: number;
  /** Another serialport binding (the emulator's paced MockBinding); default: the native one. */
  binding?: BindingInterface;
}

const normId = (id: string | undefined) => id?.toLowerCase().replace(/^0x/, '');

/**
 * Serial printers (USB-serial adapters, native UARTs) on serialport 13.
 * Bound by USB identity when configured, so the printer is found again
 * after a replug renumbers /dev/ttyUSBn; otherwise by path (prefer
 * /dev/serial/by-id/…).
 */
export class SerialTransport extends TransportBase implements PrinterTransport {
  private port: SerialPort | undefined;
  private resolvedPath: string | undefined;

  constructor(private readonly target: SerialTarget) {
    super();
  }

  get describe(): string {
    return `serial:${this.resolvedPath ?? this.target.path ?? `${this.target.vendorId}:${this.target.productId}`}@${this.target.baudRate}`;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.port?.isOpen) return;
    const path = await this.resolvePath();
    this.resolvedPath = path;
    const port = new SerialPort({ path, baudRate: this.target.baudRate, autoOpen: false, ...(this.target.binding ? { binding: this.target.binding as never } : {}) });
    await new Promise<void>((resolve, reject) =>
      port.open((err) => {
        if (!err) return resolve();
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || /no such (file|device)|does not exist/i.test(err.message)) reject(new NoDeviceError(`${path}: ${err.message}`));
        else if (code === 'EACCES' || /permission denied/i.test(err.message)) reject(new Error(`${path}: permission denied (add the kiosk user to the dialout group)`));
        else reject(err);
      }),
    );
    port.on('data', (chunk: Buffer) => this.emitData(chunk));
    port.on('close', (err?: Error & { disconnected?: boolean }) => {
      if (this.port !== port) return;
      this.port = undefined;
      this.emitLost(err?.disconnected ? `serial device disconnected (${err.message})` : 'serial port closed');
    });
    port.on('error', () => {
      /* errors surface through write() and 'close' */
    });
    this.port = port;
  }

  write(data: Buffer): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new Error('serial port is not open'));
    return new Promise((resolve, reject) => {
      port.write(data, (err) => {
        if (err) return reject(err);
        port.drain((e) => (e ? reject(e) : resolve()));
      });
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()));
  }

  private async resolvePath(): Promise<string> {
    const t = this.target;
    if (t.vendorId && t.productId) {
      const list = t.binding ? t.binding.list() : SerialPort.list();
      const ports = await list.catch(() => undefined);
      if (ports) {
        const match = ports.find(
          (p) => normId(p.vendorId) === normId(t.vendorId) && normId(p.productId) === normId(t.productId) && (!t.serialNumber || p.serialNumber === t.serialNumber),
        );
        if (match) return match.path;
        if (!t.path) throw new NoDeviceError(`no serial device ${t.vendorId}:${t.productId}${t.serialNumber ? ` serial ${t.serialNumber}` : ''} is attached`);
      } else if (t.serialNumber) {
        // SerialPort.list() needs udevadm; without it the by-id links still carry the serial number.
        const byId = findBySerial(t.serialNumber);
        if (byId) return byId;
      }
    }
    if (!t.path) throw new NoDeviceError(`cannot list serial ports to find ${t.vendorId}:${t.productId}; set devices.printer.path (/dev/serial/by-id/…)`);
    if (!t.binding && !existsSync(t.path)) throw new NoDeviceError(`${t.path} does not exist`);
    return t.path;
  }
}

function findBySerial(serial: string): string | undefined {
  const dir = '/dev/serial/by-id';
  try {
    const hit = readdirSync(dir).find((n) => n.includes(serial));
    return hit ? realpathSync(join(dir, hit)) : undefined;
  } catch {
    return undefined;
  }
}
