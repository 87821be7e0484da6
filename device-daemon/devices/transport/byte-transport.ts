/**
 * A link that moves bytes to and from a device and knows nothing of their
 * meaning (serial, USB printer class file, TCP, a HID wrapper's unwrapped
 * stream). open() throws NoDeviceError when the device is not attached (the
 * lifecycle keeps looking with backoff), any other error when it is there but
 * unusable (permissions). After open, a lost link is reported once through onLost.
 */
export interface ByteTransport {
  /** For status and logs: serial:/dev/…@115200, usb:/dev/usb/lp0, tcp:host:9100, hid:10c4:0007/miaxis. */
  readonly describe: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  /** Resolves when the bytes are handed to the OS (drained), rejects if the link broke. */
  write(data: Buffer): Promise<void>;
  close(): Promise<void>;
  onData(fn: (chunk: Buffer) => void): void;
  onLost(fn: (reason: string) => void): void;
}

/** Listener plumbing shared by the transports. */
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

/** USB ids as 4 lower-case hex digits: "0x0400", "0400", 1024 → "0400". */
export const normUsbId = (id: string | number | undefined) =>
  id === undefined ? undefined : typeof id === 'number' ? id.toString(16).padStart(4, '0') : id.toLowerCase().replace(/^0x/, '').padStart(4, '0');
