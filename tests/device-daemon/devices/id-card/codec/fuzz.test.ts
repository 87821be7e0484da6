import { describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz-harness';

describe('fuzzing the reader codec (seeded)', () => {
  it('10,000 random and mutated frames: only typed errors, valid frames found after garbage, bounded memory', () => {
    const r = runFuzz(20261128, 10_000);
    expect(r.escapes).toEqual([]);
    // the run exercised every layer, not just the first check
    expect(r.framesParsed).toBeGreaterThan(4_000);
    expect(r.cardsDecoded).toBeGreaterThan(500);
    expect(r.typedErrors).toBeGreaterThan(5_000);
    expect(r.recoveredAfterGarbage).toBeGreaterThan(1_500);
  }, 60_000);
});
