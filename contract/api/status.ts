import { z } from 'zod';

/** Device classes the terminal knows. `platform` is the back-office link, reported like a device. */
const DEVICE_IDS = ['idCardReader', 'printer', 'evalDisplay', 'platform', 'scanner'] as const;
export const DeviceId = z.enum(DEVICE_IDS);
export type DeviceId = z.infer<typeof DeviceId>;

/** Common device state, after XFS4IoT `Common.Status.device`. */
const DEVICE_STATES = ['online', 'offline', 'noDevice', 'hardwareError', 'busy', 'starting'] as const;
export const DeviceState = z.enum(DEVICE_STATES);
export type DeviceState = z.infer<typeof DeviceState>;

/** Class detail is a flat record so every class can report what it knows (paper: low, media: present …). */
export const DeviceDetail = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type DeviceDetail = z.infer<typeof DeviceDetail>;

export const DeviceStatus = z.object({
  device: DeviceId,
  /** Driver in use: simulated | serial | hid | usb | network | screen | embedded | http. */
  driver: z.string(),
  state: DeviceState,
  detail: DeviceDetail,
  /** Human-readable reason for a non-online state (for technicians; the UI uses codes). */
  reason: z.string().optional(),
  /** ISO time of the last state change. */
  since: z.string(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;
