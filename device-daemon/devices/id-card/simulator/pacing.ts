/**
 * Deliver bytes the way a wire would: a chunk is handed over when its last
 * byte would have arrived, timed from the start of the transfer so timer
 * lateness never accumulates. Returns false if `abort` stopped it early.
 */
export interface PaceOptions {
  /** Target chunk duration; a UART read returns bytes in bursts of a few ms. */
  sliceMs?: number;
  /** Polled before each chunk with the bytes already delivered. */
  abort?: (sent: number) => boolean;
}

export async function paced(bytes: Buffer, bytesPerSecond: number, sink: (chunk: Buffer) => void | Promise<void>, opts: PaceOptions = {}): Promise<boolean> {
  const perMs = bytesPerSecond / 1000;
  const slice = Math.max(1, Math.round(perMs * (opts.sliceMs ?? 4)));
  const start = performance.now();
  for (let off = 0; off < bytes.length; off += slice) {
    const part = bytes.subarray(off, Math.min(bytes.length, off + slice));
    const due = start + (off + part.length) / perMs;
    const wait = due - performance.now();
    if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
    if (opts.abort?.(off)) return false;
    await sink(Buffer.from(part));
  }
  return true;
}

/** UART bytes per second at 8N1. */
export const uartBytesPerSecond = (baud: number) => baud / 10;
