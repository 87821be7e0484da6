import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPortMock } from 'serialport';
import { describe, expect, it } from 'vitest';
import { discoverSerialPorts, type ListedSerialPort } from '../../../../device-daemon/devices/discovery/serial-ports';

// serialport's mock binding (the one the simulated serial port is built on): its table is process-wide, so each
// test makes its own paths and looks only at them.
const MockBinding = SerialPortMock.binding as unknown as {
  createPort(path: string, opts: Record<string, unknown>): void;
  list(): Promise<ListedSerialPort[]>;
};

function scratchDev() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-dev-'));
  const byIdDir = join(dir, 'serial', 'by-id');
  mkdirSync(byIdDir, { recursive: true });
  return { dir, byIdDir };
}

const listOnly = (paths: string[]) => async () => (await MockBinding.list()).filter((p) => paths.includes(p.path));

describe('serial port discovery', () => {
  it('lists the mock binding’s ports with USB ids, serial number, manufacturer and the by-id link that resolves to them', async () => {
    const { dir, byIdDir } = scratchDev();
    const usb = join(dir, 'ttyUSB3');
    const onboard = join(dir, 'ttyS0');
    writeFileSync(usb, '');
    symlinkSync(usb, join(byIdDir, 'usb-Acme_Receipt_Printer_AC0042-if00-port0'));
    MockBinding.createPort(usb, { manufacturer: 'Acme', vendorId: '0x0416', productId: '5011' });
    MockBinding.createPort(onboard, { manufacturer: 'on-board UART' });

    const ports = await discoverSerialPorts({ list: listOnly([usb, onboard]), byIdDir });
    const printer = ports.find((p) => p.path === usb);
    const uart = ports.find((p) => p.path === onboard);

    expect(printer).toMatchObject({
      kind: 'serial',
      vendorId: '0416',
      productId: '5011',
      manufacturer: 'Acme',
      byIdPath: join(byIdDir, 'usb-Acme_Receipt_Printer_AC0042-if00-port0'),
      stable: true,
    });
    // The mock binding numbers its ports' serials itself; the id carries whichever it gave.
    expect(printer?.id).toBe(`serial:0416:5011:${printer?.serialNumber}`);
    expect(uart).toMatchObject({ id: `serial:${onboard}`, stable: false });
    expect(uart?.byIdPath).toBeUndefined();
  });

  it('takes the by-id link from the lister’s pnpId (udev) and names a port without USB ids by it', async () => {
    const { byIdDir } = scratchDev();
    const ports = await discoverSerialPorts({
      list: async () => [{ path: '/dev/ttyACM0', pnpId: 'usb-Scanner_Co_2D_Scanner-if00', manufacturer: 'Scanner Co' }],
      byIdDir,
    });
    expect(ports).toEqual([
      {
        id: 'serial:by-id/usb-Scanner_Co_2D_Scanner-if00',
        kind: 'serial',
        path: '/dev/ttyACM0',
        byIdPath: join(byIdDir, 'usb-Scanner_Co_2D_Scanner-if00'),
        manufacturer: 'Scanner Co',
        stable: true,
      },
    ]);
  });
});
