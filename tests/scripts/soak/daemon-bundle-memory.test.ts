import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build/paths';
import { buildRuntime } from '../../../scripts/build/runtime';

// What the compiled daemon's code costs in resident memory (the soak's
// figures, README): checked on a fresh build of the bundle.
mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
const work = mkdtempSync(join(ROOT, 'test-artifacts', 'daemon-bundle-'));
let code: string;
beforeAll(async () => {
  await buildRuntime({ outdir: join(work, 'dist') });
  code = readFileSync(join(work, 'dist', 'daemon.js'), 'utf8');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The first Intl formatter or collator maps ICU's tables from the node binary
// into the process and keeps them: about 7 MB of the daemon's RSS. Its times
// are China Standard Time (a fixed offset) and its sorts are of ISO stamps,
// which need neither.
it('formats and sorts without ICU (no Intl, localeCompare or toLocale*)', () => {
  const uses = code.split('\n').filter((line) => /\bIntl\.|\.localeCompare\(|\.toLocale\w*String\(/.test(line));
  expect(uses).toEqual([]);
});

// V8 keeps the source of a running script, at two bytes a character as soon
// as one character needs two: one Chinese comment doubled the bundle's 0.7 MB.
it('is ASCII only, so that V8 holds its source at one byte a character', () => {
  expect(code.length).toBeGreaterThan(100_000);
  expect(code.split('\n').filter((line) => /[^\x00-\x7f]/.test(line))).toEqual([]);
});
