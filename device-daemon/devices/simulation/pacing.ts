/**
 * Bytes on a simulated wire arrive when a real one would deliver them: a
 * chunk is handed over when its last byte would have arrived, timed from the
 * start of the transfer so timer lateness never accumulates (a late timer
 * delivers a bigger burst, as a UART FIFO does after a scheduling hiccup).
 */
export interface PaceOptions {
  /** Target chunk duration; a UART read or a USB-CDC transfer returns bytes in bursts of a few ms. */
  sliceMs?: number;
  /** Polled before each chunk with the bytes already delivered; true stops the rest. */
  abort?: (sent: number) => boolean;
  /** Deliver exactly this many bytes and stop there (a reply cut mid-frame); the chunk holding the cut is split at it. */
  cutAt?: number;
}

/** Delivers `bytes` to `sink` paced at `bytesPerSecond`; resolves with the number of bytes delivered. */
export async function paced(bytes: Buffer, bytesPerSecond: number, sink: (chunk: Buffer) => void | Promise<void>, opts: PaceOptions = {}): Promise<number> {
  const perMs = bytesPerSecond / 1000;
  const slice = Math.max(1, Math.round(perMs * (opts.sliceMs ?? 4)));
  const end = Math.min(bytes.length, opts.cutAt ?? bytes.length);
  const start = performance.now();
  let off = 0;
  while (off < end) {
    const part = bytes.subarray(off, Math.min(end, off + slice));
    const wait = start + (off + part.length) / perMs - performance.now();
    // A wire hands bytes over in an I/O callback, never inside the sender's turn: a chunk due in under
    // a millisecond still waits for the next turn of the event loop. Without that, a host polling back to
    // back against a device that answers at once (no processing time) ran on microtasks alone and starved
    // every timer, socket and signal of the process.
    if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
    else await new Promise((r) => setImmediate(r));
    if (opts.abort?.(off)) return off;
    await sink(Buffer.from(part));
    off += part.length;
  }
  return off;
}

/** UART bytes per second at 8N1 (start bit, 8 data bits, stop bit). */
export const uartBytesPerSecond = (baud: number) => baud / 10;

export interface LineSendOptions extends PaceOptions {
  /** Called when this transfer's first byte goes onto the wire (after those queued before it). */
  onStart?: () => void;
}

/**
 * One direction of a simulated wire: transfers queue up and leave one after
 * another, each paced, so a reply never overtakes the one before it and
 * bytes keep their order whoever sends them.
 */
export class PacedLine {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly sliceMs = 4) {}

  /** Queue a transfer; resolves with the bytes delivered once it has left (or stopped). */
  send(bytes: Buffer, bytesPerSecond: number, sink: (chunk: Buffer) => void | Promise<void>, opts: LineSendOptions = {}): Promise<number> {
    const op = this.tail.then(() => {
      opts.onStart?.();
      return paced(bytes, bytesPerSecond, sink, { sliceMs: this.sliceMs, ...opts });
    });
    this.tail = op.catch(() => {});
    return op;
  }

  /** Resolves when every transfer queued so far has left the line. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
