import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build/paths';
import { buildRuntime } from '../../../scripts/build/runtime';

mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
const work = mkdtempSync(join(ROOT, 'test-artifacts', 'daemon-icu-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The first Intl formatter or collator maps ICU's tables from the node binary
// into the process and keeps them: about 7 MB of the daemon's resident memory
// (the soak's figures, README). Its times are China Standard Time (a fixed
// offset) and its sorts are of ISO stamps, which need neither.
it('the daemon’s bundle formats and sorts without ICU (no Intl, localeCompare or toLocale*)', async () => {
  await buildRuntime({ outdir: join(work, 'dist') });
  const code = readFileSync(join(work, 'dist', 'daemon.js'), 'utf8');
  const uses = code.split('\n').filter((line) => /\bIntl\.|\.localeCompare\(|\.toLocale\w*String\(/.test(line));
  expect(uses).toEqual([]);
});
