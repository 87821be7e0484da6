import { constants, promises as fs } from 'node:fs';
import { NoDeviceError } from '../../lifecycle-device';
import { TransportBase, type ByteTransport } from '../../transport/byte-transport';

const POLL_MS = 40;

/**
 * USB printer-class devices through the kernel's usblp driver (/dev/usb/lp0).
 * Opened non-blocking: reads are polled (a blocking read would hold one of
 * libuv's four pool threads forever) and a full device buffer (EAGAIN) is
 * retried. Status replies come back only on bidirectional printers; on a
 * unidirectional one the status queries time out and the driver says so.
 */
export class UsbLpTransport extends TransportBase implements ByteTransport {
  private fh: fs.FileHandle | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reading = false;

  constructor(private readonly path: string) {
    super();
  }

  get describe(): string {
    return `usb:${this.path}`;
  }

  /** Wire-time estimate: USB moves bytes far faster than the printer takes them; counted as a 921600-baud line. */
  readonly bytesPerSecond = 92_160;

  get isOpen(): boolean {
    return !!this.fh;
  }

  async open(): Promise<void> {
    if (this.fh) return;
    try {
      this.fh = await fs.open(this.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO') throw new NoDeviceError(`${this.path}: ${code}`);
      if (code === 'EACCES') throw new Error(`${this.path}: permission denied (add the kiosk user to the lp group)`);
      throw err;
    }
    this.timer = setInterval(() => void this.poll(), POLL_MS);
  }

  async write(data: Buffer): Promise<void> {
    let off = 0;
    let waits = 0;
    while (off < data.length) {
      const fh = this.fh;
      if (!fh) throw new Error(`${this.path} is not open`);
      try {
        const { bytesWritten } = await fh.write(data, off, data.length - off);
        off += bytesWritten;
        waits = 0;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' && waits++ < 500) {
          await new Promise((r) => setTimeout(r, 10)); // the printer's buffer is full: it is busy printing
          continue;
        }
        this.fail(`${this.path}: write ${code ?? (err as Error).message}`);
        throw err;
      }
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const fh = this.fh;
    this.fh = undefined;
    await fh?.close().catch(() => {});
  }

  private async poll(): Promise<void> {
    if (this.reading || !this.fh) return;
    this.reading = true;
    try {
      const buf = Buffer.alloc(256);
      for (;;) {
        const fh = this.fh;
        if (!fh) break;
        const { bytesRead } = await fh.read(buf, 0, buf.length, null);
        if (bytesRead <= 0) break;
        this.emitData(Buffer.from(buf.subarray(0, bytesRead)));
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') this.fail(`${this.path}: read ${code ?? (err as Error).message}`);
    } finally {
      this.reading = false;
    }
  }

  private fail(reason: string): void {
    if (!this.fh) return;
    void this.close();
    this.emitLost(reason);
  }
}
