/**
 * Moves bytes to and from a printer; knows nothing of ESC/POS. open() throws
 * NoDeviceError when the printer is not there (the lifecycle retries with
 * backoff), any other error when it is there but unusable (permissions).
 * After open, a lost link is reported once through onLost.
 */
export interface PrinterTransport {
  /** For status and logs: serial:/dev/…, usb:/dev/usb/lp0, tcp:host:9100. */
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
