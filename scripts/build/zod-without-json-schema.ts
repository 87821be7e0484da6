import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

// zod's classic API gives every schema a toJSONSchema() method, so its
// JSON-Schema generator (to-json-schema.js and json-schema-processors.js,
// about 33 KB before minification) reaches any bundle that imports zod, and
// the page's first script with it: the page checks every message against the
// contract's schemas but never turns a schema into JSON Schema (the daemon's
// docs do, scripts/generate-docs.ts, outside the page). In the page's build
// those two modules, as classic/schemas.js imports them, are replaced by
// functions that say so when called. aggregateChecks (what .minLength and
// .format read) stays the real one.

const FROM_CLASSIC = /zod[\\/]v4[\\/]classic[\\/]schemas\.js$/;
const GENERATOR = /^\.\.\/core\/(json-schema-processors|to-json-schema)\.js$/;
const STUB = '\0zod-json-schema-absent:';

/** Every exported name of an ES module file (export function / const / let / class). */
function exportedNames(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^export (?:async )?(?:function\*?|const|let|var|class) ([\w$]+)/gm)].map((m) => m[1]!);
}

export function zodWithoutJsonSchema(): Plugin {
  return {
    name: 'kiosk-zod-without-json-schema',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !FROM_CLASSIC.test(importer) || !GENERATOR.test(source)) return null;
      const real = await this.resolve(source, importer, { ...options, skipSelf: true });
      return real ? `${STUB}${real.id}` : null;
    },
    load(id) {
      if (!id.startsWith(STUB)) return null;
      const real = id.slice(STUB.length);
      const keep = new Set(['aggregateChecks']);
      const absent = exportedNames(real).filter((n) => !keep.has(n));
      const lines = [
        "const absent = () => { throw new Error('JSON Schema generation is not built into the page'); };",
        // create*Method builds a method when a schema's ~standard is read: it must return one, which throws when called.
        ...absent.map((n) => (n.startsWith('create') ? `export const ${n} = () => absent;` : `export const ${n} = absent;`)),
        ...[...keep].filter((n) => exportedNames(real).includes(n)).map((n) => `export { ${n} } from ${JSON.stringify(real)};`),
      ];
      return lines.join('\n');
    },
  };
}
