/**
 * What a simulator keeps of what it received, for tests that read the wire
 * back: the latest entries only. A simulator is also the embedded default and
 * runs for months (demo and training terminals), so a record of every
 * instruction grows the daemon without end.
 */
export const RECENT_LIMIT = 1000;

/** Appends, then drops the oldest half once over the limit (trimmed rarely, not at every push). */
export function keepRecent<T>(log: T[], entry: T, limit = RECENT_LIMIT): void {
  log.push(entry);
  if (log.length > limit) log.splice(0, log.length - Math.floor(limit / 2));
}

/**
 * A copy that owns exactly its bytes. A small Buffer from `Buffer.from` or
 * `Buffer.concat` is a slice of Node's shared 8 KB pool and keeps the whole
 * slab alive while it is kept: a thousand kept instructions of 20 bytes held
 * 8 MB.
 */
export function ownBytes(bytes: Uint8Array): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  copy.set(bytes);
  return copy;
}
