import type { HidFraming, ReportDecoder } from '../../transport/hid-transport';

/** Vendor-defined usage pages are 0xFF00–0xFFFF (HID Usage Tables 1.5, §3): the pad's own, not a keyboard the OS takes. */
const VENDOR_PAGE_MIN = 0xff00;
export const PAD_REPORT_BYTES = 8;

/** Output report byte 0: LED bits, bit i lights key i+1 (all five while a rating is invited). */
export const LEDS_ALL = 0x1f;
export const LEDS_OFF = 0x00;

/**
 * A five-key rating pad's reports as a byte stream: an input report's first
 * byte is the key held (1–5, 0 = none); the decoder passes on one byte, the
 * key, when a key goes down (a held key repeats in every report and counts
 * once; a key number outside 1–5 is a malformed report). Output: one report,
 * byte 0 the LED bits.
 */
export const ratingPadFraming: HidFraming = {
  name: 'rating-pad',
  deviceName: 'rating pad',
  knownIds: [],
  reportBytes: PAD_REPORT_BYTES,
  bytesPerSecond: 1000,
  prefer: (d) => (d.usagePage ?? 0) >= VENDOR_PAGE_MIN,
  hostEncode(bytes: Buffer): Buffer[] {
    const report = Buffer.alloc(PAD_REPORT_BYTES);
    bytes.copy(report, 0, 0, PAD_REPORT_BYTES);
    return [report];
  },
  hostDecoder(): ReportDecoder {
    let held = 0;
    const d = {
      errors: 0,
      push(report: Buffer): Buffer {
        const key = report[0] ?? 0;
        if (key > 5) {
          d.errors++;
          return Buffer.alloc(0);
        }
        const down = key !== 0 && key !== held;
        held = key;
        return down ? Buffer.from([key]) : Buffer.alloc(0);
      },
    };
    return d;
  },
};
