import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../build/paths';

interface Lockfile {
  packages: Record<string, { hasInstallScript?: boolean; optional?: boolean }>;
}

/**
 * The staged packages that build something at install time, split by the
 * manifest's allowScripts: the native addons the daemon uses, and the rest
 * (an optional Bluetooth addon of escpos), which a development install lets
 * fail to build and npm then removes.
 */
function installScriptPackages(appDir: string): { allowed: string[]; refused: Array<{ name: string; optional: boolean }> } {
  const lock = JSON.parse(readFileSync(join(appDir, 'package-lock.json'), 'utf8')) as Lockfile;
  const manifest = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
  const staged = Object.entries(lock.packages)
    .filter(([path, p]) => p.hasInstallScript && existsSync(join(appDir, path)))
    .map(([path, p]) => ({ name: path.replace(/^.*node_modules\//, ''), optional: p.optional === true }));
  const allowed = (name: string) => manifest.allowScripts?.[name] === true;
  return { allowed: staged.filter((p) => allowed(p.name)).map((p) => p.name), refused: staged.filter((p) => !allowed(p.name)) };
}

const versionOf = (dir: string): string | undefined =>
  existsSync(join(dir, 'package.json')) ? (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version : undefined;

/** The compiled addon files of a package built in place (build/Release/*.node), leaving out test fixtures. */
const builtAddons = (dir: string): string[] => {
  const release = join(dir, 'build', 'Release');
  return existsSync(release) ? readdirSync(release).filter((f) => f.endsWith('.node') && !f.startsWith('test_')) : [];
};

/**
 * Each native addon as built for this machine's architecture and node: a
 * package that ships prebuilt binaries for it (node-hid, the serialport
 * bindings) needs nothing; one compiled at install (better-sqlite3) gets the
 * binary the development tree compiled, when it is the same version (same
 * lockfile, same node), and is rebuilt in the staging tree otherwise.
 * Returns what was done to which package.
 */
export function provideNativeAddons(appDir: string): string[] {
  const done: string[] = [];
  const { allowed, refused } = installScriptPackages(appDir);
  for (const p of refused) {
    if (!p.optional) throw new Error(`${p.name} needs an install script that package.json allowScripts does not allow, and the app cannot do without it`);
    rmSync(join(appDir, 'node_modules', p.name), { recursive: true, force: true });
    done.push(`${p.name} (optional, not allowed to build: removed)`);
  }
  for (const name of allowed) {
    const staged = join(appDir, 'node_modules', name);
    const dev = join(ROOT, 'node_modules', name);
    const prebuilt =
      existsSync(join(staged, 'prebuilds', `${process.platform}-${process.arch}`)) || readdirSafe(join(staged, 'prebuilds')).some((d) => d.endsWith(`${process.platform}-${process.arch}`));
    if (prebuilt) continue;
    const addons = versionOf(dev) === versionOf(staged) ? builtAddons(dev) : [];
    if (addons.length) {
      mkdirSync(join(staged, 'build', 'Release'), { recursive: true });
      for (const f of addons) copyFileSync(join(dev, 'build', 'Release', f), join(staged, 'build', 'Release', f));
      done.push(`${name} (copied ${addons.join(', ')})`);
    } else {
      execFileSync('npm', ['rebuild', name, '--foreground-scripts'], { cwd: appDir, stdio: 'inherit' });
      done.push(`${name} (rebuilt)`);
    }
  }
  return done;
}

function readdirSafe(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Prebuilt binaries for other systems and the sources of compiled addons: not needed on this terminal. */
function prune(appDir: string): void {
  const modules = join(appDir, 'node_modules');
  const own = `${process.platform}-${process.arch}`;
  const walk = (dir: string, depth: number): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      if (entry.name === 'prebuilds') {
        for (const target of readdirSync(path)) if (!target.includes(own)) rmSync(join(path, target), { recursive: true, force: true });
      } else if (depth < 3 && !entry.name.startsWith('.')) walk(path, depth + 1);
    }
  };
  walk(modules, 0);
  for (const dir of ['better-sqlite3/deps', 'better-sqlite3/src']) rmSync(join(modules, dir), { recursive: true, force: true });
}

/** Loads every native addon from the staged tree with plain node: a missing or foreign binary fails the build, not the terminal. */
function smokeTest(appDir: string): void {
  const script = [
    "const Database = require('better-sqlite3');",
    "new Database(':memory:').prepare('select 1 as x').get();",
    "require('node-hid');",
    "require('@serialport/bindings-cpp').autoDetect();",
  ].join('');
  execFileSync(process.execPath, ['-e', script], { cwd: appDir, stdio: 'inherit' });
}

/**
 * node_modules of the production install (`npm ci --omit=dev`) in the staged
 * app directory, from the lockfile beside it. Install scripts are not run
 * (they would download or compile); the native addons are provided and
 * loaded once to prove they work.
 */
export function installProductionModules(appDir: string): { addons: string[] } {
  execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: appDir, stdio: ['ignore', 'ignore', 'inherit'] });
  const addons = provideNativeAddons(appDir);
  prune(appDir);
  smokeTest(appDir);
  return { addons };
}
