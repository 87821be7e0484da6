import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../device-daemon/config/load';
import { buildDeb, type BuiltDeb } from '../../../scripts/package/deb';
import { APP_DIR, CONFIG_TEMPLATE, debFileName, UNIT_DIR, UNITS } from '../../../scripts/package/layout';
import { spawnDaemon } from '../../helpers/daemon';

const run = promisify(execFile);

/**
 * The .deb as `npm run package` builds it (from the compiled runtime and UI
 * the global setup built), once for this file, in a temp dir; checked with
 * dpkg-deb, shellcheck, systemd-analyze, and by starting the staged
 * production tree.
 */
let dir: string;
let built: BuiltDeb;
let info: string;
/** dpkg-deb --contents, by path (leading `.` dropped): mode string and owner. */
const contents = new Map<string, { mode: string; owner: string }>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-deb-'));
  built = buildDeb({ outDir: dir, stageDir: join(dir, 'root') });
  info = (await run('dpkg-deb', ['--info', built.deb])).stdout;
  const listing = (await run('dpkg-deb', ['--contents', built.deb], { maxBuffer: 64 << 20 })).stdout;
  for (const line of listing.split('\n').filter(Boolean)) {
    const [mode, owner, , , , ...rest] = line.split(/\s+/);
    contents.set(rest.join(' ').replace(/^\./, '').replace(/\/$/, '') || '/', { mode: mode!, owner: owner! });
  }
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run package: gov-kiosk_<version>_<arch>.deb', () => {
  it('is named for the version and this architecture, and depends on what the terminal runs', () => {
    expect(built.deb.endsWith(debFileName())).toBe(true);
    const node = Number(process.versions.node.split('.')[0]);
    expect(info).toMatch(/Package: gov-kiosk/);
    expect(info).toContain(`Depends: nodejs (>= ${node}), nodejs (<< ${node + 1}), chromium, cage, fonts-noto-cjk, libusb-1.0-0, udev, systemd, adduser`);
    for (const script of ['postinst', 'prerm', 'postrm']) expect(info).toMatch(new RegExp(`\\d+ bytes,\\s+\\d+ lines\\s+\\*\\s+${script}\\s+#!/bin/sh`));
  });

  it('puts the files where they belong, owned by root, with package modes', () => {
    const expected: Record<string, string> = {
      [`${APP_DIR}/dist/daemon.js`]: '-rw-r--r--',
      [`${APP_DIR}/dist/kioskctl.js`]: '-rw-r--r--',
      [`${APP_DIR}/kiosk-ui/dist/index.html`]: '-rw-r--r--',
      [`${APP_DIR}/assets/catalog/catalog.json`]: '-rw-r--r--',
      [`${APP_DIR}/node_modules/better-sqlite3/build/Release/better_sqlite3.node`]: '-rwxr-xr-x',
      [`${UNIT_DIR}/gov-kiosk-daemon.service`]: '-rw-r--r--',
      [`${UNIT_DIR}/gov-kiosk-browser.service`]: '-rw-r--r--',
      '/usr/bin/kioskctl': '-rwxr-xr-x',
      [CONFIG_TEMPLATE]: '-rw-r--r--',
      '/etc/chromium/policies/managed/gov-kiosk.json': '-rw-r--r--',
      '/usr/share/doc/gov-kiosk/install.md': '-rw-r--r--',
      [APP_DIR]: 'drwxr-xr-x',
    };
    for (const [path, mode] of Object.entries(expected)) expect(contents.get(path), path).toEqual({ mode, owner: 'root/root' });
    const all = [...contents.entries()];
    expect(all.filter(([, e]) => e.owner !== 'root/root')).toEqual([]);
    // Nothing writable by group or others (symbolic links always show lrwxrwxrwx).
    expect(all.filter(([, e]) => /^[-d](.{4}w|.{7}w)/.test(e.mode))).toEqual([]);
    // The production tree only: no devDependency, no sources, no test fixtures, no other platform's binaries.
    for (const absent of ['vitest', 'tsx', 'typescript', 'esbuild', '@biomejs', 'node-bluetooth']) expect(contents.has(`${APP_DIR}/node_modules/${absent}`), absent).toBe(false);
    expect(all.filter(([p]) => p.startsWith(`${APP_DIR}/`) && /\.tsx?$/.test(p) && !p.endsWith('.d.ts') && !p.includes('/node_modules/'))).toEqual([]);
    expect(all.filter(([p]) => /\/prebuilds\/(win32|darwin|android)/.test(p))).toEqual([]);
    // The terminal's own data is made by postinst and the units, never shipped (an upgrade must not replace it).
    for (const made of ['/etc/gov-kiosk', '/var/lib/gov-kiosk', '/var/log/gov-kiosk']) expect(contents.has(made), made).toBe(false);
  });

  it('ships a config that passes the daemon’s checks and keeps state outside the app directory', () => {
    const file = join(dir, 'installed.config.json');
    writeFileSync(file, readFileSync(join(built.root, CONFIG_TEMPLATE)), { mode: 0o600 });
    chmodSync(file, 0o600);
    const config = loadConfig(file);
    expect(config.storage.path).toBe('/var/lib/gov-kiosk/kiosk.db');
    expect(config.logging.dir).toBe('/var/log/gov-kiosk');
  });

  it('has maintainer scripts that pass shellcheck and sh -n', async () => {
    const scripts = ['postinst', 'prerm', 'postrm'].map((s) => join(built.root, 'DEBIAN', s));
    await run('shellcheck', ['-s', 'sh', ...scripts, join(built.root, 'usr/bin/kioskctl')]);
    for (const s of scripts) await run('sh', ['-n', s]);
    const postinst = readFileSync(scripts[0]!, 'utf8');
    expect(postinst).toMatch(/adduser --system --group .* kiosk/);
    expect(postinst).toMatch(/for g in dialout plugdev lp; do/);
    expect(postinst).toMatch(/install -d -o kiosk -g kiosk -m 0700 \/var\/lib\/gov-kiosk \/var\/log\/gov-kiosk/);
    expect(postinst).toMatch(/install -o kiosk -g kiosk -m 0600 \/usr\/share\/gov-kiosk\/kiosk.config.json "\$CONF"/);
    expect(postinst).toMatch(/systemctl enable gov-kiosk-daemon.service gov-kiosk-browser.service/);
  });

  it('has units that systemd-analyze verify accepts in the unpacked package, and a hardened daemon', async () => {
    // The unpacked package, with the system's units (sysinit.target …) and its dependencies' programs
    // (node, cage, chromium: stand-ins here, verify checks that ExecStart= names an executable).
    const root = join(dir, 'verify-root');
    await run('dpkg-deb', ['-x', built.deb, root]);
    cpSync('/lib/systemd/system', join(root, 'lib/systemd/system'), { recursive: true, force: false, errorOnExist: false });
    mkdirSync(join(root, 'usr/bin'), { recursive: true });
    for (const program of ['node', 'cage', 'chromium']) {
      if (!existsSync(join(root, 'usr/bin', program))) writeFileSync(join(root, 'usr/bin', program), '#!/bin/sh\n', { mode: 0o755 });
    }
    const verify = await run('systemd-analyze', ['verify', `--root=${root}`, ...UNITS.map((u) => `${UNIT_DIR}/${u}`)]);
    expect(verify.stderr).toBe('');
    const security = await run('systemd-analyze', ['security', '--offline=yes', join(root, UNIT_DIR, 'gov-kiosk-daemon.service')]);
    const exposure = Number(/Overall exposure level for gov-kiosk-daemon.service: ([\d.]+)/.exec(security.stdout)?.[1]);
    // 2.0 when written ("OK"); a unit that loses its hardening scores higher.
    expect(exposure).toBeLessThanOrEqual(2.0);
  });

  it('holds a production tree that starts with node alone and serves /health', async () => {
    const d = await spawnDaemon({ appRoot: built.appDir, runtime: 'compiled' });
    try {
      const health = (await (await fetch(`${d.url}health`)).json()) as { version: string; store: { state: string }; page: { state: string } };
      expect(health.version).toBe((JSON.parse(readFileSync(join(built.appDir, 'package.json'), 'utf8')) as { version: string }).version);
      expect(health.store.state).toBe('ok');
      expect(health.page.state).toBe('waiting');
    } finally {
      await d.stop();
    }
  });
});
