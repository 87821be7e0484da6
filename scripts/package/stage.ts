import { chmodSync, cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../build/paths';
import { APP_DIR, CONFIG_TEMPLATE, DEPLOY_DIR, LOG_DIR, MAINTAINER_SCRIPTS, STATE_DIR, UNIT_DIR, UNITS } from './layout';
import { installProductionModules } from './production-modules';

/** What of the checkout the terminal runs: the compiled daemon and CLI, the built UI, the data, the manifest and lockfile (for npm ci). */
const APP_FILES = ['dist', 'kiosk-ui/dist', 'assets', 'package.json', 'package-lock.json', 'kiosk.config.schema.json'];

/** The shipped config with the installed terminal's paths: the store and the log outside the (read-only) app directory. */
function installedConfig(shipped: string): string {
  const config = JSON.parse(shipped) as Record<string, unknown> & { storage: Record<string, unknown>; logging: Record<string, unknown> };
  config.$schema = `${APP_DIR}/kiosk.config.schema.json`;
  config.storage = { ...config.storage, path: `${STATE_DIR}/kiosk.db` };
  config.logging = { ...config.logging, dir: LOG_DIR };
  return `${JSON.stringify(config, null, 2)}\n`;
}

const put = (root: string, path: string, text: string | Buffer, mode: number): void => {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, mode);
};

/**
 * Modes as a package must have them whatever the checkout's umask: 0755
 * directories, 0644 files, 0755 what is executed (and what was executable).
 */
function normalizeModes(dir: string): void {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const st = lstatSync(path);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) {
      chmodSync(path, 0o755);
      normalizeModes(path);
    } else chmodSync(path, st.mode & 0o111 ? 0o755 : 0o644);
  }
}

export interface Staged {
  /** The staging root: the package's file system, with DEBIAN/ for the maintainer scripts. */
  root: string;
  /** Absolute path of the staged app directory (APP_DIR inside root). */
  appDir: string;
  addons: string[];
}

/** The package's file system under `root`, everything but DEBIAN/control (its size is counted from this tree). */
export function stagePackage(root: string): Staged {
  rmSync(root, { recursive: true, force: true });
  const appDir = join(root, APP_DIR);
  mkdirSync(appDir, { recursive: true });
  for (const f of APP_FILES) cpSync(join(ROOT, f), join(appDir, f), { recursive: true });
  const { addons } = installProductionModules(appDir);
  normalizeModes(root);

  put(root, CONFIG_TEMPLATE, installedConfig(readFileSync(join(ROOT, 'kiosk.config.json'), 'utf8')), 0o644);
  for (const unit of UNITS) put(root, `${UNIT_DIR}/${unit}`, readFileSync(join(DEPLOY_DIR, 'systemd', unit)), 0o644);
  put(root, '/usr/bin/kioskctl', readFileSync(join(DEPLOY_DIR, 'debian', 'kioskctl')), 0o755);
  put(root, '/etc/chromium/policies/managed/gov-kiosk.json', readFileSync(join(DEPLOY_DIR, 'debian', 'chromium-policy.json')), 0o644);
  put(root, '/usr/share/doc/gov-kiosk/install.md', readFileSync(join(ROOT, 'docs', 'install.md')), 0o644);
  for (const script of MAINTAINER_SCRIPTS) put(root, `DEBIAN/${script}`, readFileSync(join(DEPLOY_DIR, 'debian', script)), 0o755);
  // dpkg manages the Chromium policy as a configuration file; the terminal's own config is not one (postinst creates it once, the settings editor rewrites it).
  put(root, 'DEBIAN/conffiles', '/etc/chromium/policies/managed/gov-kiosk.json\n', 0o644);
  return { root, appDir, addons };
}
