import { describe, expect, it } from 'vitest';
import { keepRecent, ownBytes, RECENT_LIMIT } from '../../../../device-daemon/devices/simulation/recent';

describe('what a simulator keeps of what it received', () => {
  it('keeps the latest entries, in order, never more than the limit', () => {
    const log: number[] = [];
    for (let i = 0; i < 25; i++) keepRecent(log, i, 10);
    expect(log.length).toBeLessThanOrEqual(10);
    expect(log.at(-1)).toBe(24);
    expect(log).toEqual(Array.from({ length: log.length }, (_, k) => 25 - log.length + k));
  });

  it('copies bytes into a buffer of their own, not a slice of the shared pool', () => {
    const pooled = Buffer.from('page idle');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length); // the slab it pins
    const own = ownBytes(pooled);
    expect(own).toEqual(pooled);
    expect(own.buffer.byteLength).toBe(own.length);
  });

  it('has a limit a test of the wire never reaches', () => {
    expect(RECENT_LIMIT).toBeGreaterThanOrEqual(500);
  });
});
