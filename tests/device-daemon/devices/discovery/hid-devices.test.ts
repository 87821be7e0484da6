import { describe, expect, it } from 'vitest';
import { discoverHidDevices, type ListedHidDevice } from '../../../../device-daemon/devices/discovery/hid-devices';
import { discoverPorts } from '../../../../device-daemon/devices/discovery/discover';

// A fake node-hid devicesAsync() list: a card reader with a vendor interface and a keyboard interface, and a scanner.
const FAKE_HID: ListedHidDevice[] = [
  { vendorId: 0x0400, productId: 0xc35a, path: '/dev/hidraw2', serialNumber: 'R123', manufacturer: 'Reader Co', product: 'ID reader', interface: 0, usagePage: 0xff00, usage: 1 },
  { vendorId: 0x0400, productId: 0xc35a, path: '/dev/hidraw3', serialNumber: 'R123', manufacturer: 'Reader Co', product: 'ID reader', interface: 1, usagePage: 0x01, usage: 0x06 },
  { vendorId: 0x1eab, productId: 0x8203, path: '/dev/hidraw4', manufacturer: 'Scan Co', product: '2D scanner', interface: 0 },
  // Seen without a path (no permission to the node): nothing to open, so not offered.
  { vendorId: 0x1234, productId: 0x0001 },
];

describe('HID discovery', () => {
  it('lists each interface by USB ids and serial number, never by its hidraw path', async () => {
    const ports = await discoverHidDevices(async () => FAKE_HID);
    expect(ports.map((p) => p.id)).toEqual(['hid:0400:c35a:R123#0', 'hid:0400:c35a:R123#1', 'hid:1eab:8203']);
    expect(ports[2]).toEqual({
      id: 'hid:1eab:8203',
      kind: 'hid',
      path: '/dev/hidraw4',
      vendorId: '1eab',
      productId: '8203',
      manufacturer: 'Scan Co',
      product: '2D scanner',
      interface: 0,
      stable: true,
    });
    expect(ports.every((p) => !p.id.includes('hidraw'))).toBe(true);
  });

  it('still lists the serial ports when HID cannot be enumerated, and says why', async () => {
    const d = await discoverPorts({
      serialList: async () => [{ path: '/dev/ttyUSB0', vendorId: '0403', productId: '6001', serialNumber: 'A1' }],
      hidList: async () => {
        throw new Error('node-hid cannot load (libusb missing)');
      },
      byIdDir: '/nonexistent',
    });
    expect(d.ports.map((p) => p.id)).toEqual(['serial:0403:6001:A1']);
    expect(d.problems).toEqual(['HID devices: node-hid cannot load (libusb missing)']);
  });
});
