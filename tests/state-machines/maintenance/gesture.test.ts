import { describe, expect, it } from 'vitest';
import { cornerTaps, type Tap } from '../../../state-machines/maintenance/gesture';

const screen = { width: 1080, height: 1920 };
const tap = (x: number, y: number, at: number): Tap => ({ ...screen, x, y, at });
const OPTS = { corner: 'topRight' as const, count: 5, windowMs: 3000, zone: 0.1 };

describe('the hidden corner gesture', () => {
  it('opens on the fifth tap in the corner within 3 s, and starts over after it', () => {
    const g = cornerTaps(OPTS);
    const results = [0, 500, 1000, 1500, 2000].map((at) => g(tap(1070, 10, at)));
    expect(results).toEqual([false, false, false, false, true]);
    expect(g(tap(1070, 10, 2100))).toBe(false);
  });

  it('does not open when the taps are spread over more than 3 s, elsewhere, or interrupted by a tap elsewhere', () => {
    const slow = cornerTaps(OPTS);
    expect([0, 800, 1600, 2400, 3200].map((at) => slow(tap(1070, 10, at)))).toEqual([false, false, false, false, false]);
    const wrongCorner = cornerTaps(OPTS);
    expect([0, 1, 2, 3, 4].map((at) => wrongCorner(tap(10, 10, at)))).toEqual([false, false, false, false, false]);
    const interrupted = cornerTaps(OPTS);
    const seq = [tap(1070, 10, 0), tap(1070, 10, 1), tap(500, 900, 2), tap(1070, 10, 3), tap(1070, 10, 4), tap(1070, 10, 5)];
    expect(seq.map((t) => interrupted(t))).toEqual([false, false, false, false, false, false]);
  });

  it('takes the corner and count from its options', () => {
    const g = cornerTaps({ ...OPTS, corner: 'bottomLeft', count: 3 });
    expect([0, 1, 2].map((at) => g(tap(5, 1915, at)))).toEqual([false, false, true]);
  });
});
