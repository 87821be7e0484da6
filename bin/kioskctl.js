#!/usr/bin/env node
// The technician CLI. It runs the compiled CLI (dist/kioskctl.js, made by
// `npm run build`), which needs only node and the runtime dependencies: that
// is what a terminal has. In a checkout without a build, or with
// KIOSK_FROM_SOURCE=1, it runs the TypeScript sources through tsx (a
// devDependency) instead. After changing the CLI's sources, rebuild or set
// KIOSK_FROM_SOURCE=1: a dist/ left from an earlier build is what runs.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/kioskctl.js', import.meta.url);

if (process.env.KIOSK_FROM_SOURCE !== '1' && existsSync(compiled)) {
  await import(compiled.href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write('kioskctl: no compiled CLI (dist/kioskctl.js) and no tsx to run the sources: run `npm run build` first.\n');
    process.exit(1);
  }
  register();
  await import('../device-daemon/cli/kioskctl.ts');
}
