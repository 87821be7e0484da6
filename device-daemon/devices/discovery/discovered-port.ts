/**
 * A device connection found on this machine, as the technician picks it:
 * `id` is what `kioskctl devices bind <role> <id>` and the maintenance
 * screen's "use for …" name, and it is built from the port's stable identity
 * (USB ids and serial number, or the /dev/serial/by-id link) so that it
 * names the same device after a replug renumbers /dev/ttyUSBn.
 */
export interface DiscoveredPort {
  id: string;
  kind: 'serial' | 'hid';
  /** What the kernel calls it now (/dev/ttyUSB0, /dev/hidraw3): shown, never written into the config. */
  path: string;
  /** /dev/serial/by-id/… link to it, when udev made one. */
  byIdPath?: string;
  /** 4 lower-case hex digits. */
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  /** HID only: a composite device lists one entry per interface. */
  interface?: number;
  usagePage?: number;
  usage?: number;
  /** False when nothing but the kernel path names it (an on-board UART): binding it writes that path, which is stable for /dev/ttySn. */
  stable: boolean;
}
