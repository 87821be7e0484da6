import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../build/paths';

/** Where the package puts things on the terminal, and where the build stages them. */
export const PACKAGE = 'gov-kiosk';
/** The app: dist/, kiosk-ui/dist, assets/, node_modules … (ROOT_DIR of the installed daemon). */
export const APP_DIR = '/usr/lib/gov-kiosk';
/** The config the package ships; postinst copies it to /etc/gov-kiosk/kiosk.config.json once. */
export const CONFIG_TEMPLATE = '/usr/share/gov-kiosk/kiosk.config.json';
export const STATE_DIR = '/var/lib/gov-kiosk';
export const LOG_DIR = '/var/log/gov-kiosk';
export const UNIT_DIR = '/lib/systemd/system';
export const UNITS = ['gov-kiosk-daemon.service', 'gov-kiosk-browser.service'] as const;
export const MAINTAINER_SCRIPTS = ['postinst', 'prerm', 'postrm'] as const;

/** Build output: the staging tree (the package's file system), then the .deb beside it. */
export const BUILD_DIR = join(ROOT, 'build', 'package');
export const STAGE_DIR = join(BUILD_DIR, 'root');
export const DEPLOY_DIR = join(ROOT, 'deploy');

export const appVersion = (): string => (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Debian's name for this machine's architecture (amd64, arm64 …): the native addons are built for it. */
export const debianArch = (): string => execFileSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).trim();

export const debFileName = (version = appVersion(), arch = debianArch()): string => `${PACKAGE}_${version}_${arch}.deb`;
