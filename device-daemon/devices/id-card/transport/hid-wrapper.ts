/**
 * A vendor's way of carrying SAM frames in HID reports. Each vendor is one
 * small file implementing this interface (hid-miaxis.ts is the first) and
 * one line in HID_WRAPPERS (hid-wrappers.ts). Both directions are here
 * because the simulator speaks the device side of the same wrapper.
 */
export interface HidWrapper {
  /** Config value of devices.idCardReader.variant. */
  readonly variant: string;
  readonly description: string;
  /** USB ids the vendor's readers are known by (used when the config gives none). */
  readonly knownIds: ReadonlyArray<{ vendorId: string; productId: string }>;
  /** Report size without the report-id byte. */
  readonly reportBytes: number;
  /** Payload rate of the link, for command deadlines (full-speed interrupt: one report per 1 ms frame). */
  readonly bytesPerSecond: number;
  /** Host → reader: one SAM request frame as output reports. */
  hostEncode(samFrame: Buffer): Buffer[];
  /** Reader → host: input reports → the SAM bytes they carry. */
  hostDecoder(): ReportDecoder;
  /** Simulator: output reports from the host → SAM bytes. */
  deviceDecoder(): ReportDecoder;
  /** Simulator: a SAM reply frame as input reports. */
  deviceEncode(samFrame: Buffer): Buffer[];
}

export interface ReportDecoder {
  /** SAM bytes carried by this report (possibly none); a malformed report yields none and counts as an error. */
  push(report: Buffer): Buffer;
  readonly errors: number;
}
