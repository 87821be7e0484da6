import type { HidFraming, ReportDecoder } from '../../transport/hid-transport';

export type { ReportDecoder };

/**
 * A vendor's way of carrying SAM frames in HID reports: the HID transport's
 * framing on the host side, plus the device side the simulator speaks. Each
 * vendor is one small file implementing this interface (hid-miaxis.ts is the
 * first) and one line in HID_WRAPPERS (hid-wrappers.ts); `name` is the
 * config value of devices.idCardReader.variant.
 */
export interface HidWrapper extends HidFraming {
  readonly description: string;
  /** Simulator: output reports from the host → SAM bytes. */
  deviceDecoder(): ReportDecoder;
  /** Simulator: a SAM reply frame as input reports. */
  deviceEncode(samFrame: Buffer): Buffer[];
}
