import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configJsonSchema } from '../device-daemon/cli/commands/config';
import { ROOT_DIR } from '../device-daemon/version';

// Writes kiosk.config.schema.json (for editors: kiosk.config.json points at it with $schema).
const out = resolve(ROOT_DIR, 'kiosk.config.schema.json');
writeFileSync(out, JSON.stringify(configJsonSchema(), null, 2) + '\n');
process.stdout.write(`wrote ${out}\n`);
