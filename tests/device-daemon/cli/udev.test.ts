import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { KioskConfig } from '../../../device-daemon/config/schema';
import { udevRules } from '../../../device-daemon/cli/udev-rules';
import { ROOT, writeTestConfig } from '../../helpers/daemon';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const shipped = () => {
  const base = JSON.parse(readFileSync(join(ROOT, 'kiosk.config.json'), 'utf8')) as Record<string, unknown>;
  delete base.$schema;
  return base;
};
const configWith = (devices: Record<string, unknown>) => KioskConfig.parse({ ...shipped(), devices });

/** The rule lines (comments left out) of a device's symlink. */
const ruleOf = (text: string, link: string) => text.split('\n').filter((l) => !l.startsWith('#') && l.includes(`SYMLINK+="${link}"`));

describe('kioskctl udev rules: access for the kiosk user and /dev/kiosk-* names from the bindings', () => {
  it('matches each bound device by its USB identity (vendor, product, serial), never by ttyUSBn', () => {
    const text = udevRules(
      configWith({
        idCardReader: { driver: 'serial', vendorId: '0x0400', productId: '0xC35A', serialNumber: 'SAM-0042', baud: 115200 },
        printer: { driver: 'serial', path: '/dev/serial/by-id/usb-Printer_Co_POS-80_0123-if00-port0', baud: 115200 },
        evalDisplay: { driver: 'hid', vendorId: '1a86', productId: 'e010' },
        scanner: { driver: 'hid', vendorId: '0x1eab', productId: '0x8203' },
      }),
      'kiosk.config.json',
    );
    expect(ruleOf(text, 'kiosk-idcard')).toEqual([
      'SUBSYSTEM=="tty", ATTRS{idVendor}=="0400", ATTRS{idProduct}=="c35a", ATTRS{serial}=="SAM-0042", GROUP="kiosk", MODE="0660", SYMLINK+="kiosk-idcard", TAG+="systemd"',
    ]);
    // A by-id path names the interface udev's own serial rules derive it from.
    expect(ruleOf(text, 'kiosk-printer')).toEqual([
      'SUBSYSTEM=="tty", ENV{ID_SERIAL}=="Printer_Co_POS-80_0123", ENV{ID_USB_INTERFACE_NUM}=="00", GROUP="kiosk", MODE="0660", SYMLINK+="kiosk-printer", TAG+="systemd"',
    ]);
    expect(ruleOf(text, 'kiosk-evaldisplay')).toEqual([
      'SUBSYSTEM=="hidraw", ATTRS{idVendor}=="1a86", ATTRS{idProduct}=="e010", GROUP="kiosk", MODE="0660", SYMLINK+="kiosk-evaldisplay", TAG+="systemd"',
    ]);
    expect(ruleOf(text, 'kiosk-scanner')).toHaveLength(1);
    // A HID scanner is also a keyboard: libinput must not let it type into the page.
    expect(text).toContain('SUBSYSTEM=="input", ATTRS{idVendor}=="1eab", ATTRS{idProduct}=="8203", ENV{LIBINPUT_IGNORE_DEVICE}="1"');
    expect(text).not.toMatch(/ttyUSB\d/);
  });

  it('makes no rule for simulated or network devices, nor for a plug-order path, and says why', () => {
    const text = udevRules(
      configWith({
        idCardReader: { driver: 'serial', path: '/dev/ttyUSB0', baud: 115200 },
        printer: { driver: 'network', host: '192.0.2.10', port: 9100 },
        evalDisplay: { driver: 'simulated' },
        scanner: { driver: 'none' },
      }),
      'kiosk.config.json',
    );
    expect(text.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([]);
    expect(text).toMatch(/# idCardReader \(serial\): bound by \/dev\/ttyUSB0, which can change with plug order/);
    expect(text).toMatch(/# printer \(network\): no device node/);
  });

  it('quotes a serial number that holds udev glob or quote characters literally', () => {
    const text = udevRules(configWith({ idCardReader: { driver: 'serial', vendorId: '0400', productId: 'c35a', serialNumber: 'A*"B', baud: 115200 } }), 'f');
    expect(ruleOf(text, 'kiosk-idcard')[0]).toContain('ATTRS{serial}=="A\\*\\"B"');
  });

  it('the compiled CLI writes the rules file atomically from the config in KIOSK_CONFIG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-udev-'));
    dirs.push(dir);
    const config = writeTestConfig(dir, { devices: { idCardReader: { driver: 'hid', vendorId: '0x0400', productId: '0xc35a' } } });
    const out = join(dir, '70-gov-kiosk.rules');
    await run(process.execPath, [join(ROOT, 'dist/kioskctl.js'), 'udev', 'rules', '--out', out], { env: { ...process.env, KIOSK_CONFIG: config } });
    const text = readFileSync(out, 'utf8');
    expect(text).toContain(`from ${config}`);
    expect(ruleOf(text, 'kiosk-idcard')).toHaveLength(1);
    expect(statSync(out).mode & 0o777).toBe(0o644);
  });
});
