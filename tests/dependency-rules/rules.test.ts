import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/daemon';

// The rules of .dependency-cruiser.cjs pass on the tree (npm run check), and
// they must also fail on the imports that bent the structure before: each
// case below writes a two-file tree in a temporary directory with one such
// import and expects the named rule to report it.
const config = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs')) as IConfiguration;

const work = mkdtempSync(join(tmpdir(), 'depcruise-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function violations(name: string, files: Record<string, string>): Promise<string[]> {
  const base = join(work, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), text);
  }
  const { includeOnly, exclude, doNotFollow, moduleSystems, enhancedResolveOptions } = config.options ?? {};
  const result = await cruise(
    Object.keys(files),
    { ruleSet: { forbidden: config.forbidden }, baseDir: base, includeOnly, exclude, doNotFollow, moduleSystems, tsPreCompilationDeps: true, validate: true },
    { extensions: enhancedResolveOptions?.extensions ?? ['.ts'] },
  );
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

const CASES: Array<{ what: string; rule: string; files: Record<string, string> }> = [
  {
    what: 'the store importing documents (an upward import)',
    rule: 'store-below-documents',
    files: { 'device-daemon/store/api.ts': "import { x } from '../documents/receipts';\nexport const y = x;\n", 'device-daemon/documents/receipts.ts': 'export const x = 1;\n' },
  },
  {
    what: 'a part (the store) reaching the API router',
    rule: 'parts-below-capabilities',
    files: { 'device-daemon/store/api.ts': "import { x } from '../api/router';\nexport const y = x;\n", 'device-daemon/api/router.ts': 'export const x = 1;\n' },
  },
  {
    what: 'the registry knowing the simulated printer',
    rule: 'generic-device-code-knows-no-simulator',
    files: {
      'device-daemon/devices/registry.ts': "import { x } from './printer/simulated-printer';\nexport const y = x;\n",
      'device-daemon/devices/printer/simulated-printer.ts': 'export const x = 1;\n',
    },
  },
  {
    what: 'a machine importing a daemon type',
    rule: 'ui-and-machines-use-the-contract-not-the-daemon',
    files: {
      'state-machines/flows/service-machine.ts': "import type { X } from '../../device-daemon/catalog/catalog-store';\nexport type Y = X;\n",
      'device-daemon/catalog/catalog-store.ts': 'export type X = number;\n',
    },
  },
  {
    what: 'the UI importing daemon internals',
    rule: 'ui-and-machines-use-the-contract-not-the-daemon',
    files: {
      'kiosk-ui/src/flows/service.ts': "import { x } from '../../../device-daemon/catalog/catalog-store';\nexport const y = x;\n",
      'device-daemon/catalog/catalog-store.ts': 'export const x = 1;\n',
    },
  },
  {
    what: 'the contract importing the daemon (the old catalog schema ⇄ contract cycle)',
    rule: 'contract-is-a-leaf',
    files: { 'contract/api/catalog.ts': "import { x } from '../../device-daemon/catalog/catalog-schema';\nexport const y = x;\n", 'device-daemon/catalog/catalog-schema.ts': 'export const x = 1;\n' },
  },
  {
    what: 'the catalog schema importing a message schema',
    rule: 'contract-catalog-below-api',
    files: { 'contract/catalog/catalog-schema.ts': "import { x } from '../api/submission';\nexport const y = x;\n", 'contract/api/submission.ts': 'export const x = 1;\n' },
  },
  {
    what: 'a domain helper importing a message schema',
    rule: 'contract-domain-below-messages',
    files: { 'contract/domain/mask.ts': "import { x } from '../api/card';\nexport const y = x;\n", 'contract/api/card.ts': 'export const x = 1;\n' },
  },
  {
    what: 'a machine doing I/O',
    rule: 'machines-are-pure',
    files: { 'state-machines/flows/x.ts': "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n" },
  },
  {
    what: 'the logger importing the store (a foundation module reaching up)',
    rule: 'foundation-stays-low',
    files: { 'device-daemon/log.ts': "import { x } from './store/db';\nexport const y = x;\n", 'device-daemon/store/db.ts': 'export const x = 1;\n' },
  },
  {
    what: 'a capability importing the composition root',
    rule: 'capabilities-below-the-root',
    files: { 'device-daemon/capabilities/submissions/index.ts': "import { x } from '../../app';\nexport const y = x;\n", 'device-daemon/app.ts': 'export const x = 1;\n' },
  },
  {
    what: 'two modules importing each other',
    rule: 'no-circular',
    files: { 'device-daemon/store/a.ts': "import { b } from './b';\nexport const a = () => b;\n", 'device-daemon/store/b.ts': "import { a } from './a';\nexport const b = () => a;\n" },
  },
];

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  it.each(CASES)('refuse $what ($rule)', async ({ rule, files }) => {
    const found = await violations(rule + Math.random().toString(36).slice(2, 8), files);
    expect(
      found.some((v) => v.startsWith(`${rule}:`)),
      found.join('\n') || 'no violation',
    ).toBe(true);
  });

  it('allow what the layout allows: a capability using the store and the contract, the UI using the contract', async () => {
    const found = await violations('allowed', {
      'device-daemon/capabilities/submissions/index.ts': "import { x } from '../../store/db';\nimport { c } from '../../../contract/api/index';\nexport const y = [x, c];\n",
      'device-daemon/store/db.ts': "import { c } from '../../contract/api/index';\nexport const x = c;\n",
      'contract/api/index.ts': "import { m } from '../domain/mask';\nexport const c = m;\n",
      'contract/domain/mask.ts': 'export const m = 1;\n',
      'kiosk-ui/src/flows/service.ts': "import { c } from '../../../contract/api/index';\nimport { s } from '../../../state-machines/flows/s';\nexport const y = [c, s];\n",
      'state-machines/flows/s.ts': "import { c } from '../../contract/api/index';\nexport const s = c;\n",
    });
    expect(found).toEqual([]);
  });
});
