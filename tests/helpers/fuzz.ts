import fc from 'fast-check';

/**
 * How many inputs the property-based fuzz tests (`*.fuzz.test.ts`) run, and
 * from which seed. `npm test` runs a seeded 10,000 inputs per target (a
 * target's properties share them out), the same inputs every time;
 * `npm run fuzz` (scripts/fuzz.ts) sets FUZZ_RUNS and FUZZ_SEED for the long
 * run. A failure is shrunk by fast-check to a smallest input and reported
 * with the seed and path that replay it.
 */
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261130);

/** A time budget for one property: generous per input, so a slow machine never fails it, yet a hang still does. */
export function fuzzTimeoutMs(perInputMs = 2): number {
  return Math.max(60_000, FUZZ_RUNS * perInputMs);
}

/**
 * fast-check parameters for one property of a fuzz target: `share` of the
 * target's FUZZ_RUNS inputs (a target's shares add up to 1), and a seed
 * derived from FUZZ_SEED and `name`, so properties do not share inputs.
 */
export function fuzzParams<T>(name: string, share = 1): fc.Parameters<T> {
  let h = FUZZ_SEED >>> 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return { numRuns: runsFor(share), seed: h | 0, endOnFailure: false, verbose: fc.VerbosityLevel.None };
}

/** How many inputs a property with this share of FUZZ_RUNS runs (for thresholds proportional to the run). */
export function runsFor(share: number): number {
  return Math.max(1, Math.round(FUZZ_RUNS * share));
}

/** Bytes split at arbitrary points, as a serial port delivers them. */
export function chunked(bytes: Uint8Array, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    if (p > prev) out.push(Buffer.from(bytes.subarray(prev, p)));
    prev = Math.max(prev, p);
  }
  return out;
}

/** An arbitrary for chunk cut points (with the bytes they apply to generated separately). */
export const cutPoints = fc.array(fc.nat({ max: 4000 }), { maxLength: 12 });
