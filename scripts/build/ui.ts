import { resolve } from 'node:path';
import { build } from 'vite';

/**
 * The UI bundle (kiosk-ui/dist), served by the daemon. Always a production
 * build (production JSX runtime, no source paths), also when called from
 * vitest, which sets NODE_ENV=test and would otherwise give a dev bundle.
 */
export async function buildUi(): Promise<void> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: resolve(import.meta.dirname, '../../vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}
