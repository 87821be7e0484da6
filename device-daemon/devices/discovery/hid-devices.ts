import { normUsbId } from '../transport/usb-id';
import type { DiscoveredPort } from './discovered-port';

/** What node-hid's devicesAsync() gives for one HID interface (the fields used here). */
export interface ListedHidDevice {
  vendorId: number;
  productId: number;
  path?: string;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  interface?: number;
  usagePage?: number;
  usage?: number;
}

/**
 * The HID interfaces of this machine. The id is the USB ids and serial
 * number; a composite device (a reader with a keyboard interface beside its
 * data one) lists each interface, told apart by `#<interface>`. The hidraw
 * path changes with plug order and is never part of the id.
 */
export async function discoverHidDevices(list: () => Promise<ListedHidDevice[]>): Promise<DiscoveredPort[]> {
  const devices = (await list()).filter((d) => d.path);
  const base = (d: ListedHidDevice) => `hid:${normUsbId(d.vendorId)}:${normUsbId(d.productId)}${d.serialNumber ? `:${d.serialNumber}` : ''}`;
  const seen = new Map<string, number>();
  for (const d of devices) seen.set(base(d), (seen.get(base(d)) ?? 0) + 1);
  return devices.map((d) => {
    const shared = (seen.get(base(d)) ?? 0) > 1;
    return {
      id: shared ? `${base(d)}#${d.interface ?? -1}` : base(d),
      kind: 'hid' as const,
      path: d.path as string,
      vendorId: normUsbId(d.vendorId) as string,
      productId: normUsbId(d.productId) as string,
      ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
      ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
      ...(d.product ? { product: d.product } : {}),
      ...(d.interface !== undefined ? { interface: d.interface } : {}),
      ...(d.usagePage !== undefined ? { usagePage: d.usagePage } : {}),
      ...(d.usage !== undefined ? { usage: d.usage } : {}),
      stable: true,
    };
  });
}
