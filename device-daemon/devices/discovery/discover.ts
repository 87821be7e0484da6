import { SerialPort } from 'serialport';
import { nodeHidBackend } from '../transport/hid-backend';
import type { DiscoveredPort } from './discovered-port';
import { type ListedHidDevice, discoverHidDevices } from './hid-devices';
import { type ListedSerialPort, discoverSerialPorts } from './serial-ports';

export interface DiscoveryOptions {
  /** Default serialport's SerialPort.list(). */
  serialList?: () => Promise<ListedSerialPort[]>;
  /** Default node-hid's devicesAsync() (its objects also carry manufacturer, product and interface). */
  hidList?: () => Promise<ListedHidDevice[]>;
  byIdDir?: string;
}

export interface Discovery {
  ports: DiscoveredPort[];
  /** A lister that failed (node-hid without libusb, no udev): the others' ports are still listed. */
  problems: string[];
}

/** Every serial port and HID interface of this machine, each with its stable id; one lister failing does not hide the other's ports. */
export async function discoverPorts(opts: DiscoveryOptions = {}): Promise<Discovery> {
  const problems: string[] = [];
  const attempt = async (what: string, run: () => Promise<DiscoveredPort[]>) => {
    try {
      return await run();
    } catch (err) {
      problems.push(`${what}: ${(err as Error).message}`);
      return [];
    }
  };
  const serial = await attempt('serial ports', () => discoverSerialPorts({ list: opts.serialList ?? (() => SerialPort.list()), ...(opts.byIdDir ? { byIdDir: opts.byIdDir } : {}) }));
  const hid = await attempt('HID devices', () => discoverHidDevices(opts.hidList ?? (() => nodeHidBackend.devices())));
  return { ports: [...serial, ...hid], problems };
}

/** The port a technician named by its id (as listed), or undefined. */
export function findPort(d: Discovery, id: string): DiscoveredPort | undefined {
  return d.ports.find((p) => p.id === id);
}
