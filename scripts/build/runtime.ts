import { build, type Metafile, type Plugin } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { DIST_DIR, ROOT, RUNTIME_ENTRIES } from './paths';
import { LAZY_PACKAGES } from '../../device-daemon/lazy-require';

/**
 * The compiled runtime: the daemon and the technician CLI bundled to plain
 * JavaScript, so a terminal starts them with `node` alone (no tsx, no
 * transpiling at boot). The sources use extensionless relative imports
 * (moduleResolution Bundler), which Node's ESM loader refuses, so they are
 * bundled rather than emitted file by file.
 *
 * Every package stays external: the production install (`npm ci --omit=dev`)
 * must provide it, so the build refuses a bundle that imports a package which
 * is not in `dependencies` (a devDependency or an undeclared one), static or
 * dynamic import alike. The native modules (better-sqlite3, node-hid,
 * @serialport/bindings-cpp) load their binaries from node_modules as they
 * would under tsx.
 *
 * Both bundles sit one level below the app root (dist/*.js), as the sources
 * sit in device-daemon/: device-daemon/version.ts finds the root, package.json,
 * assets/ and kiosk-ui/dist as `..` from its own file, which holds for both.
 */
export interface RuntimeBuild {
  /** Absolute paths of the written files (bundles and their source maps). */
  files: string[];
  /** The packages the bundles import, by name (`xstate`, `@serialport/bindings-cpp`), Node built-ins left out. */
  packages: string[];
}

export async function buildRuntime(opts: { outdir?: string; entries?: Record<string, string> } = {}): Promise<RuntimeBuild> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: opts.entries ?? RUNTIME_ENTRIES,
    outdir: opts.outdir ?? DIST_DIR,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    plugins: [nodeEsmSubpaths],
    // Stack traces point at the TypeScript sources under `node --enable-source-maps`.
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const built: RuntimeBuild = {
    files: Object.keys(result.metafile.outputs).map((f) => resolve(ROOT, f)),
    // Lazily required packages are invisible to the bundler: they are named in one list (device-daemon/lazy-require.ts).
    packages: [...new Set([...importedPackages(result.metafile), ...(opts.entries ? [] : LAZY_PACKAGES)])].sort(),
  };
  for (const file of built.files) if (file.endsWith('.js')) asciiOnly(file);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const missing = built.packages.filter((p) => !(p in (manifest.dependencies ?? {})));
  if (missing.length) {
    throw new Error(
      `the compiled runtime imports ${missing.join(', ')}, which a production install (npm ci --omit=dev) does not have: ` +
        'make it a dependency in package.json, or stop importing it from runtime code',
    );
  }
  return built;
}

/**
 * Escapes what esbuild copies verbatim (comments, regular expression
 * literals) to \uXXXX, which means the same in both. V8 keeps a script's
 * source for as long as the script runs (functions compile lazily from it),
 * one byte a character only when every character fits in one: a single
 * Chinese comment held the daemon's 0.7 MB bundle in memory at twice its size.
 */
function asciiOnly(file: string): void {
  const text = readFileSync(file, 'utf8');
  if (/[^\x00-\x7f]/.test(text))
    writeFileSync(
      file,
      text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    );
}

/** The package a bare specifier names: `escpos/printer.js` → escpos, `@serialport/bindings-cpp/x` → @serialport/bindings-cpp. */
export function packageOf(specifier: string): string {
  return specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
}

const BUILTINS = new Set(builtinModules);

function importedPackages(meta: Metafile): string[] {
  const names = new Set<string>();
  for (const output of Object.values(meta.outputs)) {
    for (const imp of output.imports) {
      if (!imp.external || imp.path.startsWith('node:')) continue;
      const name = packageOf(imp.path);
      if (!BUILTINS.has(name)) names.add(name);
    }
  }
  return [...names].sort();
}

/**
 * A deep import of a package without an `exports` map (`escpos/printer`) is
 * resolved by a bundler and by tsx, but Node's ESM loader wants the file's
 * exact name. Such imports stay external, rewritten to the file Node's
 * CommonJS lookup finds (`escpos/printer.js`: without `exports` both lookups
 * read the same files, ESM just does not add the extension); packages with
 * `exports` are left to Node.
 */
const nodeEsmSubpaths: Plugin = {
  name: 'node-esm-subpaths',
  setup(b) {
    b.onResolve({ filter: /^(@[^/]+\/)?[^./][^/:]*\/.+/ }, (args) => {
      const pkg = packageOf(args.path);
      const asIs = { path: args.path, external: true };
      let file: string;
      try {
        file = createRequire(args.importer).resolve(args.path);
      } catch {
        return asIs; // not reachable by require (an ESM-only `exports`): Node resolves it by its map
      }
      const marker = `/node_modules/${pkg}/`;
      const at = file.lastIndexOf(marker);
      if (at < 0) return asIs;
      const pkgDir = file.slice(0, at + marker.length);
      const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { exports?: unknown };
      if (manifest.exports !== undefined) return asIs;
      return { path: `${pkg}/${relative(pkgDir, file).split('\\').join('/')}`, external: true };
    });
  },
};
