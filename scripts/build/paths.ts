import { join, resolve } from 'node:path';

/** Where the compiled runtime lives; shared by the build, the test helpers and the benches. */
export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST_DIR = join(ROOT, 'dist');
export const RUNTIME_ENTRIES = {
  daemon: 'device-daemon/main.ts',
  kioskctl: 'device-daemon/cli/kioskctl.ts',
} as const;

/** The compiled file of an entry, e.g. dist/daemon.js. */
export const compiledEntry = (name: keyof typeof RUNTIME_ENTRIES, distDir = DIST_DIR): string => join(distDir, `${name}.js`);
