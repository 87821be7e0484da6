import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/daemon';

// The page built by the global setup (kiosk-ui/dist): what index.html loads before the first paint.
const dist = join(ROOT, 'kiosk-ui/dist');
const firstScripts = () => [...readFileSync(join(dist, 'index.html'), 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => readFileSync(join(dist, m[1]!), 'utf8')).join('\n');

describe("the page's first scripts carry zod's checks without its JSON-Schema generator", () => {
  it('no JSON-Schema generator (its default target draft-2020-12 is absent); the schema checks and their messages are there', () => {
    const js = firstScripts();
    expect(js).not.toContain('draft-2020-12');
    expect(js).toContain('invalid_type');
    expect(js).toContain('JSON Schema generation is not built into the page');
  });
});
