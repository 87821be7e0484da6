import { readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { normUsbId } from '../transport/usb-id';
import type { DiscoveredPort } from './discovered-port';

/** What serialport's list() gives for one port (the binding-cpp Linux lister fills pnpId from udev's by-id link). */
export interface ListedSerialPort {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  pnpId?: string;
  vendorId?: string;
  productId?: string;
}

export interface SerialDiscoveryOptions {
  /** serialport's `SerialPort.list()` on hardware; a mock binding's list() in tests. */
  list: () => Promise<ListedSerialPort[]>;
  /** Where udev puts the stable links; default /dev/serial/by-id. */
  byIdDir?: string;
}

const BY_ID_DIR = '/dev/serial/by-id';

/**
 * The serial ports of this machine with their stable identity: the by-id link
 * comes from the lister's pnpId (udev's DEVLINKS) or, without udev data, from
 * the by-id directory's links that resolve to the port.
 */
export async function discoverSerialPorts(opts: SerialDiscoveryOptions): Promise<DiscoveredPort[]> {
  const byIdDir = opts.byIdDir ?? BY_ID_DIR;
  const links = byIdLinks(byIdDir);
  const ports = await opts.list();
  return ports.map((p) => {
    const byIdPath = p.pnpId ? join(byIdDir, p.pnpId) : links.get(realPath(p.path));
    const vendorId = normUsbId(p.vendorId);
    const productId = normUsbId(p.productId);
    const id = serialPortId(p.path, vendorId, productId, p.serialNumber, byIdPath);
    return {
      id,
      kind: 'serial' as const,
      path: p.path,
      ...(byIdPath ? { byIdPath } : {}),
      ...(vendorId ? { vendorId } : {}),
      ...(productId ? { productId } : {}),
      ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
      ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
      stable: Boolean((vendorId && productId) || byIdPath),
    };
  });
}

/** USB ids first (they survive a move to another USB socket; a by-id name does too, but is long to type), then by-id, then the kernel path. */
function serialPortId(path: string, vendorId?: string, productId?: string, serialNumber?: string, byIdPath?: string): string {
  if (vendorId && productId) return `serial:${vendorId}:${productId}${serialNumber ? `:${serialNumber}` : ''}`;
  if (byIdPath) return `serial:by-id/${byIdPath.split('/').pop()}`;
  return `serial:${path}`;
}

/** Real path of each by-id link → the link; empty when the directory is absent (no USB serial device, or no udev). */
function byIdLinks(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const link = join(dir, n);
    out.set(realPath(link), link);
  }
  return out;
}

function realPath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
