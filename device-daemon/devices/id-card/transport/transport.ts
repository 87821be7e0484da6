/**
 * Moves SAM frames between the driver and a reader; knows nothing of their
 * meaning. A serial transport passes bytes straight through; a USB transport
 * unwraps its vendor's packets and hands over the SAM bytes inside, so the
 * driver parses one byte stream whatever the link.
 *
 * open() throws NoDeviceError when the reader is not attached (the lifecycle
 * keeps looking with backoff), any other error when it is there but unusable.
 * After open, a lost link is reported once through onLost.
 */
export interface ReaderTransport {
  /** For status and logs: serial:/dev/…@115200, hid:10c4:0007/miaxis. */
  readonly describe: string;
  readonly isOpen: boolean;
  /** Bytes per second the link carries (UART: baud/10), for timeouts and wire-time figures. */
  readonly bytesPerSecond: number;
  open(): Promise<void>;
  /** Resolves when the frame has left (drained), rejects if the link broke. */
  send(frame: Buffer): Promise<void>;
  close(): Promise<void>;
  onData(fn: (samBytes: Buffer) => void): void;
  onLost(fn: (reason: string) => void): void;
}

// Listener plumbing and USB id normalisation are shared with the printer's transports.
export { TransportBase as ReaderTransportBase, normUsbId } from '../../transport/byte-transport';
