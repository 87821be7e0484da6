import { buildRuntime } from '../scripts/build/runtime';
import { buildUi } from '../scripts/build/ui';

// Integration and browser tests run the real daemon, compiled as a terminal
// runs it (tests/helpers/daemon.ts), and it serves the built UI: build both
// once per test run so `npm test` works on a fresh clone. KIOSK_TEST_SKIP_BUILD=1
// reuses what is already built.
export default async function setup(): Promise<void> {
  if (process.env.KIOSK_TEST_SKIP_BUILD === '1') return;
  await buildUi();
  await buildRuntime();
}
