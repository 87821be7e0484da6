// Long fuzz run of the ID-card reader codec: `npx tsx scripts/fuzz-id-card.ts [iterations] [seed]`.
// `npm test` runs 10,000 iterations (tests/device-daemon/devices/id-card/codec/fuzz.test.ts); this runs as many as you like, in batches
// with fresh seeds, and exits 1 on the first escaping exception (printed with its input).
import { runFuzz } from '../tests/device-daemon/devices/id-card/codec/fuzz-harness';

const total = Number(process.argv[2] ?? 1_000_000);
const seed0 = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const batch = 50_000;
const t0 = performance.now();
const sum = { frames: 0, typed: 0, cards: 0, recovered: 0 };
for (let done = 0, k = 0; done < total; done += batch, k++) {
  const seed = (seed0 + k) >>> 0;
  const r = runFuzz(seed, Math.min(batch, total - done));
  sum.frames += r.framesParsed;
  sum.typed += r.typedErrors;
  sum.cards += r.cardsDecoded;
  sum.recovered += r.recoveredAfterGarbage;
  if (r.escapes.length) {
    process.stderr.write(`escape with seed ${seed}:\n${JSON.stringify(r.escapes[0], null, 2)}\n`);
    process.exit(1);
  }
  process.stdout.write(`seed ${seed}: ${done + r.iterations}/${total} ok (max pending ${r.maxPending} bytes)\n`);
}
const s = (performance.now() - t0) / 1000;
process.stdout.write(
  `${total} iterations from seed ${seed0} in ${s.toFixed(1)} s: no escaping exception; ${sum.frames} frames parsed, ${sum.typed} typed errors, ${sum.cards} cards decoded, ${sum.recovered} frames recovered after garbage\n`,
);
