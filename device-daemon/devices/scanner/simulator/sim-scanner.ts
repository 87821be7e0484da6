import { SimulatedSerialPort } from '../../simulation/simulated-serial-port';
import type { ScanSuffix } from '../code-framer';

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
 * A 2D scanner in "USB virtual COM" mode: the device side, on the shared
 * simulated serial port (what `driver: simulated` runs). It sends each code
 * as UTF-8 followed by the configured suffix, after a decode delay, paced at
 * the port's baud. Host writes are accepted and ignored (the driver sends
 * none).
 */
export class SimScanner {
  readonly port: SimulatedSerialPort;

  constructor(
    readonly suffix: ScanSuffix,
    readonly timing: ScanTiming = REALISTIC_SCAN,
  ) {
    this.port = new SimulatedSerialPort({ receive: () => {} }, { kind: 'scanner', manufacturer: 'Simulated 2D scanner (USB CDC)', deviceSliceMs: timing.sliceMs });
  }

  get isPlugged(): boolean {
    return this.port.isPlugged;
  }

  /** A host has the port open and the scanner is attached: a scan now reaches it. */
  get connected(): boolean {
    return this.port.connected;
  }

  /** One scan: the code and the suffix. Resolves when the last byte is on the wire. */
  scan(text: string): Promise<void> {
    return this.send(Buffer.concat([Buffer.from(text, 'utf8'), SUFFIX_BYTES[this.suffix]]));
  }

  /**
   * Raw bytes after the decode delay, paced (garbage, a code without its
   * suffix, a split code). `unplugAfter`: the cable is pulled after exactly
   * that many bytes, mid-code.
   */
  async send(bytes: Buffer, opts: { unplugAfter?: number } = {}): Promise<void> {
    if (this.timing.decodeMs) await new Promise((r) => setTimeout(r, this.timing.decodeMs));
    if (!this.port.connected) throw new Error('the simulated scanner is not connected');
    if (opts.unplugAfter === undefined) {
      await this.port.send(bytes);
      return;
    }
    await this.port.send(bytes, { cutAt: opts.unplugAfter });
    this.port.unplug();
  }

  unplug(): void {
    this.port.unplug();
  }

  replug(): void {
    this.port.replug();
  }
}
