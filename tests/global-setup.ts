import { build } from 'vite';
import { resolve } from 'node:path';

// Integration and browser tests run the real daemon, which serves the built UI:
// build it once per test run so `npm test` works on a fresh clone.
export default async function setup(): Promise<void> {
  if (process.env.KIOSK_TEST_SKIP_BUILD === '1') return;
  await build({ configFile: resolve(import.meta.dirname, '../vite.config.ts'), logLevel: 'warn' });
}
