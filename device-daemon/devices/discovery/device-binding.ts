import { type ConfigSaveResult, readRawConfig, saveConfig } from '../../config/save-config';
import type { DiscoveredPort } from './discovered-port';

/** The config sections a discovered port can be bound to (devices.<role>). */
export const DEVICE_ROLES = ['idCardReader', 'printer', 'evalDisplay', 'scanner'] as const;
export type DeviceRole = (typeof DEVICE_ROLES)[number];

/** Which links each role's drivers accept (the printer's usb and network links are not found by discovery). */
const ROLE_KINDS: Record<DeviceRole, ReadonlyArray<DiscoveredPort['kind']>> = {
  idCardReader: ['serial', 'hid'],
  printer: ['serial'],
  evalDisplay: ['serial', 'hid'],
  scanner: ['serial', 'hid'],
};

/** How a section names its device: replaced whole by a binding. Everything else (printer profile, reader timing, scanner framing) is kept. */
const LINK_KEYS = ['driver', 'path', 'vendorId', 'productId', 'serialNumber', 'startUnplugged', 'host', 'port', 'variant'];
/** Serial-only settings dropped when a device moves to HID (its HID section refuses them). */
const SERIAL_ONLY_KEYS = ['baud', 'suffix'];

export class BindingRefused extends Error {}

/**
 * The new devices.<role> section for a port: the link by stable identity —
 * USB vendorId + productId (+ serialNumber) with the /dev/serial/by-id link
 * as the fallback path, or the by-id link alone — never a /dev/ttyUSBn or
 * /dev/hidrawN path, which another device may get after a replug.
 */
export function bindingSection(role: DeviceRole, port: DiscoveredPort, current: Record<string, unknown> = {}): Record<string, unknown> {
  if (!ROLE_KINDS[role].includes(port.kind)) throw new BindingRefused(`devices.${role} cannot use a ${port.kind} device (it takes ${ROLE_KINDS[role].join(' or ')})`);
  const kept = Object.fromEntries(Object.entries(current).filter(([k]) => !LINK_KEYS.includes(k) && !(port.kind === 'hid' && SERIAL_ONLY_KEYS.includes(k))));
  const ids = port.vendorId && port.productId ? { vendorId: port.vendorId, productId: port.productId, ...(port.serialNumber ? { serialNumber: port.serialNumber } : {}) } : {};
  if (port.kind === 'hid') return { driver: 'hid', ...ids, ...kept };
  const path = port.byIdPath ?? (port.stable ? undefined : unstableGuard(port.path));
  return { driver: 'serial', ...ids, ...(path ? { path } : {}), ...kept };
}

/** A port with no USB identity and no by-id link: only a fixed on-board UART (/dev/ttySn, /dev/ttyAMAn) may be bound by its path. */
function unstableGuard(path: string): string {
  if (/^\/dev\/tty(USB|ACM)\d+$/.test(path))
    throw new BindingRefused(`${path} has neither USB ids nor a /dev/serial/by-id link, and its number changes with plug order: bind it by a stable identity (check that udev runs)`);
  return path;
}

/** Writes devices.<role> for the port into the config file through saveConfig (validated whole, durable, previous file kept as .bak). */
export function bindDevice(configFile: string, role: DeviceRole, port: DiscoveredPort): ConfigSaveResult & { section?: Record<string, unknown> } {
  const raw = readRawConfig(configFile);
  const devices = { ...((raw.devices as Record<string, unknown> | undefined) ?? {}) };
  const section = bindingSection(role, port, (devices[role] as Record<string, unknown> | undefined) ?? {});
  devices[role] = section;
  const saved = saveConfig(configFile, { ...raw, devices });
  return saved.ok ? { ...saved, section } : saved;
}

export function isDeviceRole(s: string): s is DeviceRole {
  return (DEVICE_ROLES as readonly string[]).includes(s);
}
