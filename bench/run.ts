import { readdirSync } from 'node:fs';
import { join } from 'node:path';

// `npm run bench`: runs every bench/*.bench.ts in turn; each prints its own figures and ratios.
const dir = import.meta.dirname;
const only = process.argv[2];
const benches = readdirSync(dir).filter((f) => f.endsWith('.bench.ts'));
for (const file of benches.sort()) {
  if (only && !file.includes(only)) continue;
  process.stdout.write(`\n=== ${file} ===\n`);
  const mod = (await import(join(dir, file))) as { run?: () => Promise<void> };
  if (mod.run) await mod.run();
}
