import { KioskConfig } from '../config/schema';

/**
 * The device settings of demo / training mode: every device the config does
 * not already simulate is replaced by its shipped simulated default, so a
 * journey in the mode never touches attached hardware (a demo card is never
 * read from a real reader, a demo receipt never leaves a real printer).
 */
export function demoDevices(config: KioskConfig): KioskConfig {
  const defaults = KioskConfig.shape.devices.parse({});
  const devices = { ...config.devices } as Record<string, { driver: string }>;
  for (const [id, fallback] of Object.entries(defaults)) {
    if (devices[id]?.driver !== 'simulated') devices[id] = fallback;
  }
  return { ...config, devices: devices as unknown as KioskConfig['devices'] };
}

/** Whether every device of these settings runs on its simulator. */
export function allSimulated(config: KioskConfig): boolean {
  return Object.values(config.devices).every((d: { driver: string }) => d.driver === 'simulated');
}
