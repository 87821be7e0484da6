import { PACKAGE } from './layout';

/**
 * The Debian packages the terminal needs. nodejs is held to the major the
 * native addons were compiled against (their ABI, NODE_MODULE_VERSION, changes
 * with each major): a node 22 would refuse better-sqlite3 built for node 20.
 */
function dependsLine(nodeMajor: number): string {
  return [`nodejs (>= ${nodeMajor}), nodejs (<< ${nodeMajor + 1})`, 'chromium', 'cage', 'fonts-noto-cjk', 'libusb-1.0-0', 'udev', 'systemd', 'adduser'].join(', ');
}

export function controlFile(opts: { version: string; arch: string; installedKb: number; nodeMajor: number }): string {
  return `${[
    `Package: ${PACKAGE}`,
    `Version: ${opts.version}`,
    `Architecture: ${opts.arch}`,
    'Maintainer: Weidong District self-service terminal team <kiosk@example.invalid>',
    `Installed-Size: ${opts.installedKb}`,
    `Depends: ${dependsLine(opts.nodeMajor)}`,
    'Section: misc',
    'Priority: optional',
    'Description: 24-hour government self-service terminal (政务服务自助终端)',
    ' Touch UI, device daemon (ID-card reader, receipt printer, QR scanner,',
    ' evaluation display) and the services that boot a terminal into the kiosk:',
    ' gov-kiosk-daemon.service (the daemon as user kiosk) and',
    ' gov-kiosk-browser.service (Chromium in kiosk mode inside cage on tty1).',
  ].join('\n')}\n`;
}
