import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configJsonSchema } from '../device-daemon/cli/commands/config';
import { configReference } from '../device-daemon/config/reference';
import { apiReference } from '../device-daemon/api/reference';
import { ROOT_DIR } from '../device-daemon/version';

// `npm run docs`: writes kiosk.config.schema.json (editors: kiosk.config.json
// points at it with $schema), docs/config-reference.md and docs/api-reference.md,
// all generated from the code. tests/unit/generated-docs.test.ts keeps them in step.
export const GENERATED = {
  'kiosk.config.schema.json': () => `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
  'docs/config-reference.md': () =>
    `# kiosk.config.json reference\n\nGenerated from \`device-daemon/config/schema.ts\` by \`npm run docs\`; do not edit by hand.\n\n${configReference(configJsonSchema() as never)}`,
  'docs/api-reference.md': () => `# Local API reference\n\nGenerated from \`contract/api/\` by \`npm run docs\`; do not edit by hand. Envelopes: see the README.\n\n${apiReference()}`,
};

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) {
  for (const [file, make] of Object.entries(GENERATED)) writeFileSync(resolve(ROOT_DIR, file), make());
  process.stdout.write(`wrote ${Object.keys(GENERATED).join(', ')}\n`);
}
