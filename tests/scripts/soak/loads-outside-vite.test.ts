import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT } from '../../helpers/daemon';

// `npm run soak` runs under tsx, not Vite: a module of the page it reuses
// (the flows' arguments, the consent text's version) that reaches a Vite-only
// import (`virtual:…`) breaks the long soak while the short one, run by
// vitest with the page's plugins, still passes.
it('the soak script’s modules load under tsx, without Vite’s plugins', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '-e', "const m = await import('./scripts/soak/run.ts'); const b = await import('./scripts/soak/browser-lane.ts'); console.log(typeof m.runSoak, typeof b.openBrowserLane)"],
    { cwd: ROOT },
  );
  expect(stdout.trim()).toBe('function function');
});
