import { SerialTransport } from '../../transport/serial-transport';
import type { ReaderTransport } from './transport';

export type { SerialTarget } from '../../transport/serial-transport';

/** SAM readers on a UART or USB-serial bridge: the shared serial link, sending whole frames. */
export class SerialReaderTransport extends SerialTransport implements ReaderTransport {
  send(frame: Buffer): Promise<void> {
    return this.write(frame);
  }
}
