import { build } from 'vite';
import { resolve } from 'node:path';

// Integration and browser tests run the real daemon, which serves the built UI:
// build it once per test run so `npm test` works on a fresh clone. Built as
// `npm start` builds it (production mode, production JSX runtime, no source
// paths): vitest sets NODE_ENV=test, which would otherwise give a dev bundle.
export default async function setup(): Promise<void> {
  if (process.env.KIOSK_TEST_SKIP_BUILD === '1') return;
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: resolve(import.meta.dirname, '../vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = before;
  }
}
