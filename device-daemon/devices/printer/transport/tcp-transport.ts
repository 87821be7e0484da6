import { Socket } from 'node:net';
import { NoDeviceError } from '../../lifecycle-device';
import { TransportBase, type ByteTransport } from '../../transport/byte-transport';

/** Network printers: raw TCP (port 9100, "JetDirect"); status replies come back on the same socket. */
export class TcpTransport extends TransportBase implements ByteTransport {
  private socket: Socket | undefined;

  constructor(
    private readonly host: string,
    private readonly port = 9100,
    private readonly connectTimeoutMs = 3000,
  ) {
    super();
  }

  get describe(): string {
    return `tcp:${this.host}:${this.port}`;
  }

  /** Wire-time estimate: a LAN outruns any print engine; counted as a 1 Mbit/s line so deadlines stay generous. */
  readonly bytesPerSecond = 100_000;

  get isOpen(): boolean {
    return !!this.socket && !this.socket.destroyed;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const socket = new Socket();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new NoDeviceError(`${this.describe}: no answer in ${this.connectTimeoutMs} ms`));
      }, this.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new NoDeviceError(`${this.describe}: ${err.code ?? err.message}`));
      });
      socket.connect(this.port, this.host);
    });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 5000);
    socket.on('data', (c: Buffer) => this.emitData(c));
    socket.on('error', () => {
      /* reported by 'close' */
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.emitLost(`${this.describe}: connection closed`);
    });
    this.socket = socket;
  }

  write(data: Buffer): Promise<void> {
    const s = this.socket;
    if (!s || s.destroyed) return Promise.reject(new Error(`${this.describe} is not connected`));
    return new Promise((resolve, reject) => s.write(data, (err) => (err ? reject(err) : resolve())));
  }

  async close(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    if (s && !s.destroyed)
      await new Promise<void>((r) =>
        s.end(() => {
          s.destroy();
          r();
        }),
      );
  }
}
