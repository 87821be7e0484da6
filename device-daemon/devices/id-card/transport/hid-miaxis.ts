import type { HidWrapper, ReportDecoder } from './hid-wrapper';

/**
 * Miaxis MR-300 family HID wrapper (reference §11, single source [S]: the
 * vendor's Android driver IdCardDriver.java). 64-byte reports.
 *
 *   host → reader:  88 | SRN(2) | LEN(2, LE) = 1 + n | B1 | SAM frame (n bytes) | SUM(2, LE) | zero pad
 *   reader → host:  AA | SRN(2) | LEN(2, LE) = 1 + m | result | m payload bytes   | SUM(2, LE) | pad
 *
 * SUM is the 16-bit additive sum from the LEN field through the last
 * payload byte. B1 is the vendor's "ID card pass-through" command. In every
 * reply report the vendor driver skips the first two payload bytes and
 * appends the rest to the SAM reply, cutting the reply by the SAM LEN; what
 * those two bytes mean is not documented [U] — the simulator writes the
 * report index and count there. SRN is sent as 00 00 by the vendor driver.
 */
const REPORT = 64;
const REQ_FLAG = 0x88;
const REPLY_FLAG = 0xaa;
const CMD_IDCARD = 0xb1;
/** 64 − (flag + SRN + LEN + result + 2 skipped + SUM). */
const SAM_BYTES_PER_REPLY = REPORT - 1 - 2 - 2 - 1 - 2 - 2;
/** 64 − (flag + SRN + LEN + command + SUM). */
const MAX_REQUEST_FRAME = REPORT - 1 - 2 - 2 - 1 - 2;

function sum16(b: Buffer, start: number, end: number): number {
  let s = 0;
  for (let i = start; i < end; i++) s = (s + b[i]!) & 0xffff;
  return s;
}

function decoder(flag: number, unwrap: (report: Buffer, len: number) => Buffer | undefined): ReportDecoder {
  let errors = 0;
  return {
    get errors() {
      return errors;
    },
    push(report: Buffer): Buffer {
      const len = report.length >= 5 ? report.readUInt16LE(3) : 0;
      const end = 5 + len;
      if (report[0] !== flag || len < 1 || end + 2 > report.length || report.readUInt16LE(end) !== sum16(report, 3, end)) {
        errors++;
        return Buffer.alloc(0);
      }
      const out = unwrap(report, len);
      if (!out) {
        errors++;
        return Buffer.alloc(0);
      }
      return out;
    },
  };
}

export const miaxisWrapper: HidWrapper = {
  name: 'miaxis',
  deviceName: 'Miaxis HID reader',
  description: 'Miaxis MR-300 family (88/AA reports, B1 pass-through)',
  knownIds: [
    { vendorId: '10c4', productId: '0007' },
    { vendorId: '203b', productId: '0101' },
  ],
  reportBytes: REPORT,
  // One 64-byte report per 1 ms USB frame, 54 SAM bytes in each.
  bytesPerSecond: SAM_BYTES_PER_REPLY * 1000,

  hostEncode(frame: Buffer): Buffer[] {
    if (frame.length > MAX_REQUEST_FRAME) throw new Error(`SAM request of ${frame.length} bytes does not fit one Miaxis report`);
    const r = Buffer.alloc(REPORT);
    r[0] = REQ_FLAG;
    r.writeUInt16LE(frame.length + 1, 3);
    r[5] = CMD_IDCARD;
    frame.copy(r, 6);
    const end = 6 + frame.length;
    r.writeUInt16LE(sum16(r, 3, end), end);
    return [r];
  },

  hostDecoder(): ReportDecoder {
    // payload = 2 skipped bytes + SAM bytes
    return decoder(REPLY_FLAG, (r, len) => (len >= 3 ? Buffer.from(r.subarray(6 + 2, 5 + len)) : Buffer.alloc(0)));
  },

  deviceDecoder(): ReportDecoder {
    return decoder(REQ_FLAG, (r, len) => (r[5] === CMD_IDCARD ? Buffer.from(r.subarray(6, 5 + len)) : undefined));
  },

  deviceEncode(frame: Buffer): Buffer[] {
    const count = Math.max(1, Math.ceil(frame.length / SAM_BYTES_PER_REPLY));
    const out: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const part = frame.subarray(i * SAM_BYTES_PER_REPLY, (i + 1) * SAM_BYTES_PER_REPLY);
      const r = Buffer.alloc(REPORT);
      r[0] = REPLY_FLAG;
      r.writeUInt16LE(1 + 2 + part.length, 3);
      r[5] = 0x00; // vendor result byte: not checked by the vendor driver for B1
      r[6] = i & 0xff;
      r[7] = count & 0xff;
      part.copy(r, 8);
      const end = 8 + part.length;
      r.writeUInt16LE(sum16(r, 3, end), end);
      out.push(r);
    }
    return out;
  },
};
