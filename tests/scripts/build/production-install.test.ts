import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provideNativeAddons } from '../../../scripts/package/production-modules';
import { ROOT, spawnDaemon } from '../../helpers/daemon';

const run = promisify(execFile);

/**
 * What a terminal gets: the package as `npm pack` makes it (package.json
 * `files`: the compiled runtime, the built UI, assets, config), the lockfile,
 * and `npm ci --omit=dev`, in a directory outside this checkout so nothing
 * resolves from its node_modules. A runtime import of a devDependency, or a
 * file the package leaves out, makes the daemon or the CLI fail here.
 *
 * Native modules: a full install compiles better-sqlite3 from source (no
 * prebuilt binary offline): on this 2-core machine, shared with other work,
 * `npm ci --omit=dev` took 137 s and this file 191 s, against 29 s with the
 * default below. By default the install runs with --ignore-scripts, which installs the
 * same production tree, and each native package then gets the build of the
 * same version from this checkout's install (the lockfile pins it, the same
 * node runs both): only compiled binaries are reused, never a package, so a
 * missing dependency still fails. KIOSK_PROD_INSTALL_FULL=1 runs the install
 * scripts instead (compiles).
 */
const FULL = process.env.KIOSK_PROD_INSTALL_FULL === '1';

let dir: string;
let app: string;
let packed: string[];

/** The environment of a terminal's shell: no switch that would make kioskctl look for the sources. */
const prodEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.KIOSK_FROM_SOURCE;
  return env;
};

beforeAll(
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-prod-'));
    const [pack] = JSON.parse((await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 16 << 20 })).stdout) as { filename: string; files: { path: string }[] }[];
    packed = pack!.files.map((f) => f.path);
    await run('tar', ['-xzf', join(dir, pack!.filename), '-C', dir]);
    app = join(dir, 'package');
    copyFileSync(join(ROOT, 'package-lock.json'), join(app, 'package-lock.json'));
    await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', ...(FULL ? [] : ['--ignore-scripts'])], { cwd: app, env: prodEnv(), maxBuffer: 16 << 20 });
    if (!FULL) provideNativeAddons(app);
  },
  FULL ? 600_000 : 180_000,
);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the production install (npm pack, npm ci --omit=dev)', () => {
  it('holds the compiled runtime, the built UI, the assets and the config, and no TypeScript sources', () => {
    for (const f of ['dist/daemon.js', 'dist/kioskctl.js', 'bin/kioskctl.js', 'kiosk-ui/dist/index.html', 'assets/catalog/catalog.json', 'kiosk.config.json', 'package.json']) {
      expect(packed, f).toContain(f);
    }
    expect(packed.filter((f) => /\.tsx?$/.test(f) || /^(device-daemon|contract|state-machines|tests|scripts|kiosk-ui\/src)\//.test(f))).toEqual([]);
    // nothing to run TypeScript with: the compiled code is all there is
    expect(existsSync(join(app, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/typescript'))).toBe(false);
  });

  it('starts with node alone and serves /health and the UI page from its own tree', async () => {
    // A file only the installed tree has: the daemon serves it only if it found its root there.
    writeFileSync(join(app, 'kiosk-ui/dist/install-marker.json'), '{"tree":"installed"}');
    const d = await spawnDaemon({ appRoot: app, configPath: join(app, 'kiosk.config.json'), env: prodEnv() });
    try {
      const health = (await (await fetch(`${d.url}health`)).json()) as { version: string; status: string };
      const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { version: string };
      expect(health.version).toBe(manifest.version);
      expect(health.status).toBe('ok');
      const page = await (await fetch(d.url)).text();
      expect(page).toMatch(/<meta name="kiosk-token" content="[^"]+">/);
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1];
      expect(script).toBeDefined();
      expect((await fetch(`${d.origin}${script}`)).status).toBe(200);
      expect(await (await fetch(`${d.url}install-marker.json`)).json()).toEqual({ tree: 'installed' });
    } finally {
      await d.stop();
    }
  });

  it('runs kioskctl compiled: its commands load and it checks the shipped config', async () => {
    const r = await run(process.execPath, [join(app, 'bin/kioskctl.js'), 'config', 'check'], { cwd: app, env: prodEnv() });
    expect(r.stdout).toContain(`${join(app, 'kiosk.config.json')}: valid`);
    const cards = await run(process.execPath, [join(app, 'bin/kioskctl.js'), 'card', 'list'], { cwd: app, env: prodEnv() });
    expect(cards.stdout).toContain('resident-valid');
  });
});
