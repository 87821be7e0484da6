import type { ByteTransport } from '../../transport/byte-transport';

/** Moves bytes to and from a printer; knows nothing of ESC/POS (see ByteTransport). */
export type PrinterTransport = ByteTransport;
export { TransportBase } from '../../transport/byte-transport';
