/**
 * The first bytes a simulated printer received, for tests that read a job
 * off the wire. One buffer, grown by doubling up to its limit: kept as one
 * Buffer per chunk (a status query is 3 bytes, a paced write a few hundred),
 * each pinned part of a pooled 8 KB slab, so 4 MB of capture held ~18 MB,
 * and a simulated printer that ran for months grew the daemon by ~9 KB a
 * session until the cap.
 */
export class WireCapture {
  private buf = Buffer.alloc(0);
  private size = 0;

  constructor(private readonly limit: number) {}

  add(chunk: Uint8Array): void {
    const n = Math.min(chunk.length, this.limit - this.size);
    if (n <= 0) return;
    if (this.size + n > this.buf.length) {
      // allocUnsafeSlow: never from the shared pool, so the capture holds exactly its own bytes
      const next = Buffer.allocUnsafeSlow(Math.min(this.limit, Math.max(4096, 2 * (this.size + n))));
      this.buf.copy(next, 0, 0, this.size);
      this.buf = next;
    }
    this.buf.set(chunk.subarray(0, n), this.size);
    this.size += n;
  }

  /** The captured bytes (a view, valid until the next add). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.size);
  }
}
