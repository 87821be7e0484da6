import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { NoDeviceError } from '../lifecycle-device';
import { TransportBase, type ByteTransport } from './byte-transport';
import { normUsbId } from './usb-id';
import type { BindingInterface } from './serial-binding';

export interface SerialTarget {
  /** /dev/serial/by-id/… (preferred) or /dev/ttyUSBn; used when no vendorId/productId, or as fallback. */
  path?: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  baudRate: number;
  /** Another serialport binding (a simulator's paced MockBinding); default: the native one. */
  binding?: BindingInterface;
  /** Config key named in "not found" messages, e.g. devices.printer. */
  configKey?: string;
}

/**
 * Serial devices (UARTs, USB-serial bridges) on serialport 13, 8N1. Bound by
 * USB identity when configured, so the device is found again after a replug
 * renumbers /dev/ttyUSBn; otherwise by path. Used by the card reader, the
 * printer and the scanner.
 */
export class SerialTransport extends TransportBase implements ByteTransport {
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

  /** Bytes per second the line carries (8N1: 10 bits a byte), for timeouts and wire-time figures. */
  get bytesPerSecond(): number {
    return this.target.baudRate / 10;
  }

  async open(): Promise<void> {
    if (this.port?.isOpen) return;
    const path = await this.resolvePath();
    this.resolvedPath = path;
    const port = new SerialPort({
      path,
      baudRate: this.target.baudRate,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      autoOpen: false,
      ...(this.target.binding ? { binding: this.target.binding as never } : {}),
    });
    await new Promise<void>((resolve, reject) =>
      port.open((err) => {
        if (!err) return resolve();
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || /no such (file|device)|does not exist|cannot open/i.test(err.message)) reject(new NoDeviceError(`${path}: ${err.message}`));
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
      const ports = await (t.binding ? t.binding.list() : SerialPort.list()).catch(() => undefined);
      if (ports) {
        const match = ports.find((p) => normUsbId(p.vendorId) === normUsbId(t.vendorId) && normUsbId(p.productId) === normUsbId(t.productId) && (!t.serialNumber || p.serialNumber === t.serialNumber));
        if (match) return match.path;
        if (!t.path) throw new NoDeviceError(`no serial device ${t.vendorId}:${t.productId}${t.serialNumber ? ` serial ${t.serialNumber}` : ''} is attached`);
      } else if (t.serialNumber) {
        // SerialPort.list() needs udev; without it the by-id links still carry the serial number.
        const byId = findBySerial(t.serialNumber);
        if (byId) return byId;
      }
    }
    if (!t.path) throw new NoDeviceError(`cannot list serial ports to find ${t.vendorId}:${t.productId}; set ${t.configKey ?? 'the device'}.path (/dev/serial/by-id/…)`);
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

/** What a device's config section says of its serial link (devices.<device> with driver "serial"). */
export interface SerialConfig {
  baud: number;
  path?: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
}

/** The serial link of a configured device; `configKey` (devices.printer …) is named in "not found" messages. */
export function serialTransportFor(cfg: SerialConfig, configKey: string): SerialTransport {
  return new SerialTransport({ baudRate: cfg.baud, configKey, path: cfg.path, vendorId: cfg.vendorId, productId: cfg.productId, serialNumber: cfg.serialNumber });
}
