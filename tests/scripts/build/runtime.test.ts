import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build/paths';
import { buildRuntime, packageOf } from '../../../scripts/build/runtime';

// Fixture entries live under the checkout (git-ignored test-artifacts/) so
// their bare imports resolve from its node_modules, as the real entries' do.
mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
const work = mkdtempSync(join(ROOT, 'test-artifacts', 'build-runtime-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function entry(name: string, source: string): string {
  const file = join(work, `${name}.ts`);
  writeFileSync(file, source);
  return file;
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/** The real entries built once for the file: the build takes seconds of CPU. */
let real: ReturnType<typeof buildRuntime> | undefined;
const buildReal = () => (real ??= buildRuntime({ outdir: join(work, 'dist') }));

describe('buildRuntime', () => {
  it('bundles the daemon and kioskctl importing exactly the runtime dependencies', async () => {
    const built = await buildReal();
    const bundles = built.files.filter((f) => f.endsWith('.js')).map((f) => f.slice(work.length + 1));
    // the daemon is one file; kioskctl's commands are chunks beside it, loaded when a command runs
    expect(bundles.filter((f) => !/^dist\/kioskctl-[\w-]+\.js$/.test(f)).sort()).toEqual(['dist/daemon.js', 'dist/kioskctl.js']);
    expect(bundles.filter((f) => f.startsWith('dist/kioskctl-')).length).toBeGreaterThan(5);
    // A dependency the runtime never imports would only weigh on every terminal's install.
    expect(built.packages).toEqual(Object.keys(manifest.dependencies).sort());
  });

  it('refuses a runtime import of a devDependency or an undeclared package, dynamic imports included', async () => {
    const file = entry('uses-dev', "import { expect } from 'vitest';\nexport const later = () => import('fast-check');\nexport const x = expect;\n");
    const undeclared = entry('uses-undeclared', "import leftPad from 'left-pad-not-a-dependency';\nexport const y = leftPad;\n");
    await expect(buildRuntime({ outdir: join(work, 'refused'), entries: { a: file, b: undeclared } })).rejects.toThrow(
      /imports fast-check, left-pad-not-a-dependency, vitest, which a production install \(npm ci --omit=dev\) does not have/,
    );
  });

  it('bundles the pure-JavaScript packages and leaves native addons and lazily loaded packages to node_modules', async () => {
    const built = await buildReal();
    expect(built.external).toEqual(expect.arrayContaining(['better-sqlite3', '@serialport/bindings-cpp', 'node-hid', 'iconv-lite', 'pinyin-pro', 'qrcode', 'mqtt']));
    for (const bundled of ['zod', 'xstate', 'pino', 'ws', 'commander', 'serialport', 'sonic-boom', 'escpos']) expect(built.external).not.toContain(bundled);
    for (const file of built.files.filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(file, 'utf8');
      // what is imported from node_modules at run time is only what stays external
      const imported = [...code.matchAll(/(?:from |import\(|require\()"([^".][^"]*)"/g)].map((m) => packageOf(m[1]!)).filter((p) => !p.startsWith('node:'));
      expect(
        imported.filter((p) => /^(zod|xstate|pino|ws|commander|serialport|sonic-boom|escpos)$/.test(p)),
        file,
      ).toEqual([]);
    }
    // of zod's locales only the English messages it uses by default
    const daemon = readFileSync(join(work, 'dist', 'daemon.js'), 'utf8');
    expect([...daemon.matchAll(/^\/\/ node_modules\/zod\/v4\/locales\/(\S+)$/gm)].map((m) => m[1])).toEqual(['en.js']);
  });

  it("rewrites a deep import of an external package without `exports` to the file Node's ESM loader needs, and bundles the others", async () => {
    const file = entry('deep', "import Database from 'better-sqlite3/lib/database';\nimport { z } from 'zod/v4';\nexport const both = [Database, z];\n");
    await buildRuntime({ outdir: join(work, 'deep'), entries: { deep: file } });
    const out = readFileSync(join(work, 'deep', 'deep.js'), 'utf8');
    expect(out).toContain('from "better-sqlite3/lib/database.js"'); // better-sqlite3 has no exports map: the extension is added
    expect(out).not.toContain('from "zod'); // zod is bundled
  });

  it('names the package of a bare specifier', () => {
    expect(packageOf('escpos/printer.js')).toBe('escpos');
    expect(packageOf('@serialport/bindings-cpp/dist/index.js')).toBe('@serialport/bindings-cpp');
    expect(packageOf('xstate')).toBe('xstate');
  });
});

// What the compiled daemon's code costs in resident memory (the soak's figures, README).
describe('the daemon bundle in memory', () => {
  const daemonCode = async () => {
    await buildReal();
    return readFileSync(join(work, 'dist', 'daemon.js'), 'utf8');
  };

  // The first Intl formatter or collator maps ICU's tables from the node binary
  // into the process and keeps them: about 7 MB of the daemon's RSS. Its times
  // are China Standard Time (a fixed offset) and its sorts are of ISO stamps,
  // which need neither.
  it('formats and sorts without ICU (no Intl, localeCompare or toLocale*)', async () => {
    const uses = (await daemonCode()).split('\n').filter((line) => /\bIntl\.|\.localeCompare\(|\.toLocale\w*String\(/.test(line));
    expect(uses).toEqual([]);
  });

  // V8 keeps the source of a running script, at two bytes a character as soon
  // as one character needs two: one Chinese comment doubled the bundle's 0.7 MB.
  it('is ASCII only, so that V8 holds its source at one byte a character', async () => {
    const code = await daemonCode();
    expect(code.length).toBeGreaterThan(100_000);
    expect(code.split('\n').filter((line) => /[^\x00-\x7f]/.test(line))).toEqual([]);
  });
});
