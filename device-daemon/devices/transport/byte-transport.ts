/**
 * A link that moves bytes to and from a device and knows nothing of their
 * meaning (serial, USB printer class file, TCP, the byte stream a HID
 * framing carries in its reports). Every driver (reader, printer, scanner)
 * talks to its device through one of these.
 *
 * open() throws NoDeviceError when the device is not attached (the lifecycle
 * keeps looking with backoff), any other error when it is there but unusable
 * (permissions). After open, a lost link is reported once through onLost.
 */
export interface ByteTransport {
  /** For status and logs: serial:/dev/…@115200, usb:/dev/usb/lp0, tcp:host:9100, hid:10c4:0007/miaxis. */
  readonly describe: string;
  readonly isOpen: boolean;
  /** Bytes per second the link carries (UART: baud/10), for command deadlines and wire-time estimates. */
  readonly bytesPerSecond: number;
  open(): Promise<void>;
  /**
   * Resolves when the bytes are handed to the OS (drained), rejects if the
   * link broke. A link with its own packets (a HID wrapper) takes one whole
   * protocol frame per call.
   */
  write(data: Buffer): Promise<void>;
  close(): Promise<void>;
  onData(fn: (chunk: Buffer) => void): void;
  onLost(fn: (reason: string) => void): void;
}

/** Listener plumbing shared by the transports: every ByteTransport extends it. */
export abstract class TransportBase {
  private dataFns: Array<(c: Buffer) => void> = [];
  private lostFns: Array<(r: string) => void> = [];
  onData(fn: (chunk: Buffer) => void): void {
    this.dataFns.push(fn);
  }
  onLost(fn: (reason: string) => void): void {
    this.lostFns.push(fn);
  }
  protected emitData(chunk: Buffer): void {
    for (const f of this.dataFns) f(chunk);
  }
  protected emitLost(reason: string): void {
    for (const f of this.lostFns) f(reason);
  }
}
