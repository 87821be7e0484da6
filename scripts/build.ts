import { relative } from 'node:path';
import { ROOT } from './build/paths';
import { buildRuntime } from './build/runtime';
import { buildUi } from './build/ui';

// `npm run build`: the UI (kiosk-ui/dist) and the compiled daemon and CLI (dist/).
const started = performance.now();
await buildUi();
const { files } = await buildRuntime();
const ms = Math.round(performance.now() - started);
const bundles = files.filter((f) => f.endsWith('.js')).map((f) => relative(ROOT, f));
const entries = bundles.filter((f) => /^dist\/(daemon|kioskctl)\.js$/.test(f));
process.stderr.write(`built kiosk-ui/dist and ${entries.join(', ')} (and ${bundles.length - entries.length} chunks of the CLI's commands) in ${ms} ms\n`);
