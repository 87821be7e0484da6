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
    const configFile = resolve(import.meta.dirname, '../../vite.config.ts');
    await build({ configFile, mode: 'production', logLevel: 'warn' });
    // The staff view (served at /staff) is a build of its own: sharing chunks with the resident page would
    // split the resident page's first script (its initial JS must stay within its budget).
    await build({ configFile, mode: 'production', logLevel: 'warn', build: { emptyOutDir: false, rollupOptions: { input: resolve(import.meta.dirname, '../../kiosk-ui/staff.html') } } });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}
