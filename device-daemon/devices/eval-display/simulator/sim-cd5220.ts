import { keepRecent, ownBytes } from '../../simulation/recent';
import iconv from 'iconv-lite';
import { SimulatedSerialPort } from '../../simulation/simulated-serial-port';

/**
 * A CD5220 text display, the device side on the paced serial port. It
 * interprets ESC @, CLR, ESC Q A/B/D … CR into its two lines (GB2312) and
 * records every byte; bytes it does not understand are counted, as a real
 * display would print or ignore them.
 */
export class SimCd5220 {
  readonly port: SimulatedSerialPort;
  /** The latest chunks received (bounded, see keepRecent). */
  readonly received: Buffer[] = [];
  upper = '';
  lower = '';
  scrolling = false;
  unknownBytes = 0;
  private rx = Buffer.alloc(0);

  constructor() {
    this.port = new SimulatedSerialPort(
      { receive: (c) => this.receive(c), powerOff: () => this.reset(), powerOn: () => this.reset() },
      { kind: 'cd5220', name: 'customer display', manufacturer: 'Simulated CD5220 customer display' },
    );
  }

  get connected(): boolean {
    return this.port.connected;
  }

  /** All bytes received so far, in order. */
  get wire(): Buffer {
    return Buffer.concat(this.received);
  }

  private reset(): void {
    this.rx = Buffer.alloc(0);
    this.upper = '';
    this.lower = '';
    this.scrolling = false;
  }

  private receive(chunk: Buffer): void {
    keepRecent(this.received, ownBytes(chunk));
    this.rx = Buffer.concat([this.rx, chunk]);
    while (this.rx.length) {
      const used = this.step();
      if (used === 0) return;
      this.rx = this.rx.subarray(used);
    }
  }

  /** Interprets one command at the head of the buffer; 0 when it is not complete yet. */
  private step(): number {
    const b = this.rx;
    if (b[0] === 0x0c) {
      this.upper = '';
      this.lower = '';
      this.scrolling = false;
      return 1;
    }
    if (b[0] !== 0x1b) {
      this.unknownBytes++;
      return 1;
    }
    if (b.length < 2) return 0;
    if (b[1] === 0x40) {
      this.reset();
      return 2;
    }
    if (b[1] !== 0x51) {
      this.unknownBytes++;
      return 1;
    }
    if (b.length < 3) return 0;
    const end = b.indexOf(0x0d, 3);
    if (end === -1) return 0;
    const text = iconv.decode(b.subarray(3, end), 'gb2312');
    if (b[2] === 0x41 || b[2] === 0x44) {
      this.upper = text;
      this.scrolling = b[2] === 0x44;
    } else if (b[2] === 0x42) this.lower = text;
    else this.unknownBytes += end + 1;
    return end + 1;
  }
}
