import { relative } from 'node:path';
import { ROOT } from './build/paths';
import { buildRuntime } from './build/runtime';
import { buildUi } from './build/ui';
import { buildDeb } from './package/deb';

// `npm run package [-- --no-build]`: build the UI and the compiled daemon, then gov-kiosk_<version>_<arch>.deb in build/package/.
const started = performance.now();
if (!process.argv.includes('--no-build')) {
  await buildUi();
  await buildRuntime();
}
const { deb, addons } = buildDeb();
process.stderr.write(`built ${relative(ROOT, deb)} in ${Math.round(performance.now() - started)} ms (native addons: ${addons.join(', ') || 'all prebuilt'})\n`);
