import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRawConfig } from '../../../../device-daemon/config/save-config';
import type { DiscoveredPort } from '../../../../device-daemon/devices/discovery/discovered-port';
import { BindingRefused, bindDevice } from '../../../../device-daemon/devices/discovery/device-binding';
import { loadConfig } from '../../../../device-daemon/config/load';
import { scratchConfig } from './scratch';

const usbSerial: DiscoveredPort = {
  id: 'serial:0416:5011:AC0042',
  kind: 'serial',
  path: '/dev/ttyUSB0',
  byIdPath: '/dev/serial/by-id/usb-Acme_Receipt_Printer_AC0042-if00-port0',
  vendorId: '0416',
  productId: '5011',
  serialNumber: 'AC0042',
  stable: true,
};
const devices = (file: string) => readRawConfig(file).devices as Record<string, Record<string, unknown>>;

describe('binding a discovered port', () => {
  it('writes the printer by USB ids, serial number and by-id link, never /dev/ttyUSBn, keeping its profile; the old file is the .bak', () => {
    const file = scratchConfig();
    const before = readFileSync(file, 'utf8');
    const r = bindDevice(file, 'printer', usbSerial);
    expect(r.ok).toBe(true);
    expect(devices(file).printer).toEqual({
      driver: 'serial',
      vendorId: '0416',
      productId: '5011',
      serialNumber: 'AC0042',
      path: '/dev/serial/by-id/usb-Acme_Receipt_Printer_AC0042-if00-port0',
      profile: { paperWidthDots: 576, encoding: 'GB18030', nativeQr: true },
    });
    expect(readFileSync(file, 'utf8')).not.toContain('/dev/ttyUSB');
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(before);
    // What was written starts the daemon: the loader accepts it.
    expect(loadConfig(file).devices.printer.driver).toBe('serial');
  });

  it('writes a HID scanner by ids only and drops the serial-only suffix its HID section refuses', () => {
    const file = scratchConfig();
    const r = bindDevice(file, 'scanner', { id: 'hid:1eab:8203', kind: 'hid', path: '/dev/hidraw4', vendorId: '1eab', productId: '8203', stable: true });
    expect(r.ok).toBe(true);
    expect(devices(file).scanner).toEqual({ driver: 'hid', vendorId: '1eab', productId: '8203' });
  });

  it('refuses a USB serial port that has neither USB ids nor a by-id link, and writes nothing', () => {
    const file = scratchConfig();
    const before = readFileSync(file, 'utf8');
    expect(() => bindDevice(file, 'idCardReader', { id: 'serial:/dev/ttyUSB1', kind: 'serial', path: '/dev/ttyUSB1', stable: false })).toThrow(BindingRefused);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('binds a fixed on-board UART by its path, and refuses a HID device for the printer', () => {
    const file = scratchConfig();
    expect(bindDevice(file, 'idCardReader', { id: 'serial:/dev/ttyS1', kind: 'serial', path: '/dev/ttyS1', stable: false }).ok).toBe(true);
    expect(devices(file).idCardReader).toEqual({ driver: 'serial', path: '/dev/ttyS1' });
    expect(() => bindDevice(file, 'printer', { id: 'hid:1eab:8203', kind: 'hid', path: '/dev/hidraw4', vendorId: '1eab', productId: '8203', stable: true })).toThrow(/cannot use a hid device/);
  });
});
