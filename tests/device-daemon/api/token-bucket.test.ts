import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../device-daemon/api/token-bucket';

describe('token bucket', () => {
  it('gives the burst at once, then the rate, and says how long until the next token', () => {
    let t = 0;
    const b = new TokenBucket(2, 3, () => t);
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
    expect(b.waitMs()).toBe(500);
    t += 499;
    expect(b.take()).toBe(false);
    t += 1;
    expect(b.take()).toBe(true);
    // Refills up to the burst, never beyond it, however long it was idle.
    t += 60_000;
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
  });

  it('a clock that jumps back neither refills nor drains it', () => {
    let t = 10_000;
    const b = new TokenBucket(1, 2, () => t);
    expect(b.take()).toBe(true);
    t = 0;
    expect(b.take()).toBe(true);
    expect(b.take()).toBe(false);
    t = 1000;
    expect(b.take()).toBe(true);
  });
});
