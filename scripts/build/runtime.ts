import { build, type Metafile, type Plugin } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { DIST_DIR, ROOT, RUNTIME_ENTRIES } from './paths';
import { LAZY_PACKAGES } from '../../device-daemon/lazy-require';

/**
 * The compiled runtime: the daemon and the technician CLI bundled to plain
 * JavaScript, so a terminal starts them with `node` alone (no tsx, no
 * transpiling at boot). The sources use extensionless relative imports
 * (moduleResolution Bundler), which Node's ESM loader refuses, so they are
 * bundled rather than emitted file by file.
 *
 * The pure-JavaScript packages are bundled too: loaded from node_modules they
 * were ~300 files at every start (zod alone ~100 ESM files), whose reading,
 * resolution and compilation took about a fifth of the daemon's CPU to
 * listening and most of a kioskctl command's. What stays a file in
 * node_modules (EXTERNAL_PACKAGES) is what must: native addons, which load
 * their binaries relative to their own files, and the packages loaded lazily
 * at run time. A bundled CommonJS package's `require` of one of those, or of
 * a Node built-in, goes through a `require` made for the bundle's own file
 * (the banner), so it finds the same node_modules a package's own require
 * would (checked at build time). No pino transport is used (those would run a
 * worker from a file of pino's own).
 *
 * Whatever the runtime code imports must be in `dependencies` (bundled or
 * not: the production install, `npm ci --omit=dev`, provides what is left
 * external, and the list says what the terminal runs): the build refuses a
 * bundle that imports a package which is not (a devDependency or an
 * undeclared one), static or dynamic import alike.
 *
 * Both bundles sit one level below the app root (dist/*.js), as the sources
 * sit in device-daemon/: device-daemon/version.ts finds the root, package.json,
 * assets/ and kiosk-ui/dist as `..` from its own file, which holds for both.
 */
export interface RuntimeBuild {
  /** Absolute paths of the written files (bundles and their source maps). */
  files: string[];
  /** The packages the runtime's own code imports, bundled or not, by name (`xstate`, `serialport`), Node built-ins left out. */
  packages: string[];
  /** The packages the bundles load from node_modules at run time (native addons, lazily loaded packages, what bundled packages require of them). */
  external: string[];
}

/**
 * Packages left as files in node_modules: native addons (their binaries are
 * found relative to their own files) and iconv-lite, whose code table for an
 * encoding is read on first use: bundled, all its tables (~0.5 MB) would sit
 * in the bundle's source, held in memory. The lazily required packages
 * (device-daemon/lazy-require.ts) are loaded by name at run time.
 */
const EXTERNAL_PACKAGES: readonly string[] = ['better-sqlite3', '@serialport/bindings-cpp', 'node-hid', 'iconv-lite', ...LAZY_PACKAGES];

/** Gives the bundled CommonJS packages a real `require` (esbuild's ESM output has none), resolving from the bundle's own file. */
const REQUIRE_BANNER = "import { createRequire as __kioskCreateRequire } from 'node:module';\nconst require = __kioskCreateRequire(import.meta.url);";

export async function buildRuntime(opts: { outdir?: string; entries?: Record<string, string> } = {}): Promise<RuntimeBuild> {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const dependencies = new Set(Object.keys(manifest.dependencies ?? {}));
  const outdir = opts.outdir ?? DIST_DIR;
  // Each entry on its own, split at its dynamic imports: kioskctl loads a command's module when that command runs
  // (device-daemon/cli/command-groups.ts), as a chunk beside it; the daemon, which imports everything it runs
  // statically, stays one file rather than sharing chunks with the CLI. Chunks sit in dist/ itself, where
  // device-daemon/version.ts finds the app root as `..`, as from the entries.
  const results = await Promise.all(
    Object.entries(opts.entries ?? RUNTIME_ENTRIES).map(([name, file]) =>
      build({
        absWorkingDir: ROOT,
        entryPoints: { [name]: file },
        outdir,
        bundle: true,
        splitting: true,
        chunkNames: `${name}-[name]-[hash]`,
        platform: 'node',
        format: 'esm',
        target: 'node20.19',
        plugins: [runtimePackages(dependencies), zodEnglishOnly],
        banner: { js: REQUIRE_BANNER },
        // Stack traces point at the TypeScript sources under `node --enable-source-maps`.
        sourcemap: 'linked',
        metafile: true,
        logLevel: 'warning',
      }),
    ),
  );
  const meta: Metafile = { inputs: Object.assign({}, ...results.map((r) => r.metafile.inputs)), outputs: Object.assign({}, ...results.map((r) => r.metafile.outputs)) };
  removeStaleChunks(
    outdir,
    Object.keys(meta.outputs).map((f) => resolve(ROOT, f)),
    Object.keys(opts.entries ?? RUNTIME_ENTRIES),
  );
  const built: RuntimeBuild = {
    files: Object.keys(meta.outputs).map((f) => resolve(ROOT, f)),
    // Lazily required packages are invisible to the bundler: they are named in one list (device-daemon/lazy-require.ts).
    packages: [...new Set([...ownImports(meta), ...(opts.entries ? [] : LAZY_PACKAGES)])].sort(),
    external: [...new Set([...externalImports(meta), ...(opts.entries ? [] : LAZY_PACKAGES)])].sort(),
  };
  for (const file of built.files) if (file.endsWith('.js')) asciiOnly(file);
  for (const file of built.files) if (file.endsWith('.js.map')) packageSourcesByPath(file);
  const missing = built.packages.filter((p) => !dependencies.has(p));
  if (missing.length) {
    throw new Error(
      `the compiled runtime imports ${missing.join(', ')}, which a production install (npm ci --omit=dev) does not have: ` +
        'make it a dependency in package.json, or stop importing it from runtime code',
    );
  }
  sameFileFromBundle(meta, outdir);
  return built;
}

/** Chunks of an earlier build (`<entry>-<module>-<hash>.js` and its map) that this one did not write. */
function removeStaleChunks(outdir: string, written: string[], entries: string[]): void {
  const keep = new Set(written);
  const dir = resolve(ROOT, outdir);
  for (const f of readdirSync(dir)) {
    const file = join(dir, f);
    if (!keep.has(file) && entries.some((e) => f.startsWith(`${e}-`)) && /-[A-Z0-9]{8}\.js(\.map)?$/.test(f)) rmSync(file);
  }
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

/**
 * A source map carries the text of every source, the bundled packages' too
 * (more than half of it), and `node --enable-source-maps` reads and parses
 * the whole map when the bundle loads. A package's source is left to its
 * path (../node_modules/…, installed beside dist/ on a terminal), where Node
 * reads it should it show a line of it; the runtime's own sources stay in.
 */
function packageSourcesByPath(file: string): void {
  const map = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
  if (!map.sourcesContent) return;
  map.sourcesContent = map.sourcesContent.map((text, i) => (inNodeModules(map.sources[i] ?? '') ? null : text));
  writeFileSync(file, JSON.stringify(map));
}

/** The package a bare specifier names: `escpos/printer.js` → escpos, `@serialport/bindings-cpp/x` → @serialport/bindings-cpp. */
export function packageOf(specifier: string): string {
  return specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
}

const BUILTINS = new Set(builtinModules);
const isPackage = (specifier: string) => !specifier.startsWith('node:') && !specifier.startsWith('.') && !specifier.startsWith('/') && !BUILTINS.has(packageOf(specifier));
const inNodeModules = (file: string) => /(^|[\\/])node_modules[\\/]/.test(file);

/** The packages the runtime's own files import (bundled or left external). */
function ownImports(meta: Metafile): string[] {
  const names = new Set<string>();
  for (const [file, input] of Object.entries(meta.inputs)) {
    if (inNodeModules(file)) continue;
    for (const imp of input.imports) {
      const specifier = imp.original ?? imp.path;
      if (isPackage(specifier)) names.add(packageOf(specifier));
    }
  }
  return [...names].sort();
}

/** The packages the bundles import at run time. */
function externalImports(meta: Metafile): string[] {
  const names = new Set<string>();
  for (const output of Object.values(meta.outputs)) for (const imp of output.imports) if (imp.external && isPackage(imp.path)) names.add(packageOf(imp.path));
  return [...names].sort();
}

/**
 * A bundled package's require of an external one now resolves from the
 * bundle's file, not from the package's own: both must find the same file
 * (a copy nested in the package's own node_modules would not be found).
 */
function sameFileFromBundle(meta: Metafile, outdir: string): void {
  const fromBundle = createRequire(join(resolve(ROOT, outdir), 'bundle.js'));
  for (const [file, input] of Object.entries(meta.inputs)) {
    if (!inNodeModules(file)) continue;
    for (const imp of input.imports) {
      if (!imp.external || !isPackage(imp.path)) continue;
      let own: string | undefined;
      try {
        own = createRequire(resolve(ROOT, file)).resolve(imp.path);
      } catch {
        continue; // an optional package that is not installed (ws's bufferutil): absent from the bundle's view too
      }
      let bundled: string | undefined;
      try {
        bundled = fromBundle.resolve(imp.path);
      } catch {
        bundled = undefined;
      }
      if (bundled !== own) throw new Error(`${file} requires ${imp.path} (${own}), which the bundle in ${outdir} would not find at the same place (${bundled ?? 'not found'})`);
    }
  }
}

/**
 * zod's namespace carries every locale's messages (`z.locales`, 60-odd
 * modules, ~0.36 MB of the daemon's bundle, all compiled at load and kept as
 * source) while its errors are in English unless code picks another, which
 * the runtime does not. Bundled, `z.locales` holds English alone, the others
 * throwing if called; the default locale (classic/schemas.js imports en.js
 * itself) is untouched.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    const STUB = 'zod-locales-english-only';
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), args.path), namespace: STUB } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: STUB }, (args) => {
      const names = [...readFileSync(args.path, 'utf8').matchAll(/^export \{ default as ([\w$]+) \} from "\.\/[\w-]+\.js";$/gm)].map((m) => m[1]!);
      if (!names.includes('en')) throw new Error(`zod's locale index changed (${args.path}): no \`en\` export found`);
      const absent = "() => { throw new Error('only the English messages of zod are built into the runtime'); }";
      const lines = names.map((n) => (n === 'en' ? `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};` : `export const ${n} = ${absent};`));
      return { contents: lines.join('\n'), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * Which package imports are bundled. A package outside `dependencies`,
 * imported by the runtime's own code, is left external so that the check
 * after the build names it. The EXTERNAL_PACKAGES stay external; a deep
 * import of one without an `exports` map (`better-sqlite3/lib/database`) is
 * resolved by a bundler and by tsx, but Node's ESM loader wants the file's
 * exact name: it is rewritten to the file Node's CommonJS lookup finds
 * (`better-sqlite3/lib/database.js`: without `exports` both lookups read the
 * same files, ESM just does not add the extension); packages with `exports`
 * are left to Node.
 */
function runtimePackages(dependencies: ReadonlySet<string>): Plugin {
  const external = new Set(EXTERNAL_PACKAGES);
  return {
    name: 'runtime-packages',
    setup(b) {
      b.onResolve({ filter: /^(@[^/]+\/)?[^./][^/:]*/ }, (args) => {
        if (!isPackage(args.path)) return undefined;
        const pkg = packageOf(args.path);
        const asIs = { path: args.path, external: true };
        if (!external.has(pkg)) return inNodeModules(args.importer) || dependencies.has(pkg) ? undefined : asIs;
        if (pkg === args.path) return asIs;
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
}
