import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED } from '../../scripts/generate-docs';
import { ROOT } from '../helpers/daemon';

describe('generated files are in step with the code (run `npm run docs` after changing the schema or contract)', () => {
  for (const [file, make] of Object.entries(GENERATED)) {
    it(file, () => expect(readFileSync(join(ROOT, file), 'utf8')).toBe(make()));
  }
});
