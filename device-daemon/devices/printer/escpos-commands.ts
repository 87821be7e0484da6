// ESC/POS commands we emit ourselves, byte for byte, because the `escpos`
// package (2.5.2) lacks them or gets them wrong (see
// shared/reference/escpos-printers-and-eval-displays.md §1.8):
//  - it never sends FS & (Chinese mode), and printers differ at power-on;
//  - its qrcode() emits the legacy GS Z / ESC Z form with a UTF-16 length;
//  - cashdraw() omits t1 t2, so the printer swallows the next two bytes;
//  - style() sends Star ESC 4/5 in Epson mode; size() uses ESC !, which on
//    Kanji printers enlarges ASCII only (GS ! enlarges both).
// Everything here is pure and has an exact-byte test.

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const EOT = 0x04;
const ENQ = 0x05;
export const LF = 0x0a;

const b = (...bytes: number[]) => Buffer.from(bytes);

/** ESC @ — initialize (clears the print buffer, modes back to power-on). */
export const INIT = b(ESC, 0x40);
/** FS & — Chinese (Kanji) character mode on: bytes ≥ 0x81 start a GB code. */
export const CHINESE_ON = b(FS, 0x26);
/** FS . — Chinese mode off. */
export const CHINESE_OFF = b(FS, 0x2e);

/** ESC t n — character code table for single bytes (0 = PC437). */
export function codeTable(n: number): Buffer {
  return b(ESC, 0x74, byte(n));
}

/** GS ! n — character size for ASCII and Chinese alike; 1..8 times each way. */
export function charSize(width: number, height: number): Buffer {
  const w = clamp(Math.round(width), 1, 8) - 1;
  const h = clamp(Math.round(height), 1, 8) - 1;
  return b(GS, 0x21, (w << 4) | h);
}

/** ESC E n — emphasized (bold) on/off. */
export function bold(on: boolean): Buffer {
  return b(ESC, 0x45, on ? 1 : 0);
}

/** ESC - n / FS - n — underline 0 off, 1 thin, 2 thick (ASCII and Chinese). */
export function underline(n: 0 | 1 | 2): Buffer {
  return b(ESC, 0x2d, n, FS, 0x2d, n);
}

/** ESC 3 n — line spacing in dots; ESC 2 — back to the default. */
export function lineSpacing(dots: number | null): Buffer {
  return dots === null ? b(ESC, 0x32) : b(ESC, 0x33, byte(dots));
}

/** ESC d n — print and feed n lines. */
export function feedLines(n: number): Buffer {
  return b(ESC, 0x64, byte(n));
}

/** ESC J n — print and feed n dots. */
export function feedDots(n: number): Buffer {
  return b(ESC, 0x4a, byte(n));
}

export type QrEcc = 'L' | 'M' | 'Q' | 'H';
const ECC_BYTE: Record<QrEcc, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

/** Largest data a GS ( k store accepts: pL + pH×256 = k + 3 ≤ 7092. */
export const QR_MAX_DATA = 7089;

/**
 * GS ( k — native QR, Epson function set (cn = 49): model 2, module size,
 * error correction, store data (length = bytes + 3, little endian), print.
 * The payload is raw bytes: keep URLs ASCII (percent-encode Chinese).
 */
export function nativeQr(payload: Buffer | string, opts: { moduleSize?: number; ecc?: QrEcc } = {}): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  if (data.length < 1 || data.length > QR_MAX_DATA) throw new RangeError(`QR data must be 1..${QR_MAX_DATA} bytes, got ${data.length}`);
  const size = clamp(opts.moduleSize ?? 6, 1, 16);
  const store = data.length + 3;
  return Buffer.concat([
    b(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00), // fn 65: model 2
    b(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, size), // fn 67: module size
    b(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, ECC_BYTE[opts.ecc ?? 'M']), // fn 69: error correction
    b(GS, 0x28, 0x6b, store & 0xff, store >> 8, 0x31, 0x50, 0x30), // fn 80: store
    data,
    b(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30), // fn 81: print
  ]);
}

/**
 * GS v 0 m xL xH yL yH d… — one raster band (normal size): `widthBytes` bytes
 * per row, MSB = leftmost dot, 1 = black. Callers keep bands ≤ 255 rows.
 */
export function rasterBand(widthBytes: number, rows: number, data: Buffer): Buffer {
  if (data.length !== widthBytes * rows) throw new RangeError(`raster data is ${data.length} bytes, expected ${widthBytes} × ${rows}`);
  return Buffer.concat([b(GS, 0x76, 0x30, 0x00, widthBytes & 0xff, widthBytes >> 8, rows & 0xff, rows >> 8), data]);
}

/** ESC p m t1 t2 — drawer/beeper pulse on pin 2 (m 0) or 5 (m 1); on/off times in 2 ms units. Always 5 bytes. */
export function pulse(pin: 2 | 5, onMs: number, offMs: number): Buffer {
  return b(ESC, 0x70, pin === 2 ? 0 : 1, byte(Math.round(onMs / 2)), byte(Math.round(offMs / 2)));
}

/** GS V m — cut now (m 0 full, 1 partial); GS V 65/66 n — feed to the cutter (+ n units) then cut. */
export function cut(kind: 'full' | 'partial', feedToCutter = false, n = 0): Buffer {
  if (feedToCutter) return b(GS, 0x56, kind === 'full' ? 65 : 66, byte(n));
  return b(GS, 0x56, kind === 'full' ? 0 : 1);
}

/** ASB enable bits (GS a n): drawer, online/offline, error, roll paper sensor. */
export const ASB_ALL = 0x0f;
/** GS a n — Automatic Status Back: the printer sends 4 status bytes now and on every change. 0 disables. */
export function autoStatusBack(n: number): Buffer {
  return b(GS, 0x61, byte(n));
}

/** GS r 1 — transmit paper sensor status; processed in order, so its reply marks the job's end. */
export const TRANSMIT_PAPER_STATUS = b(GS, 0x72, 0x31);

/** DLE EOT n — real-time status (1 printer, 2 offline cause, 3 error cause, 4 roll paper). */
export type RealtimeStatusKind = 1 | 2 | 3 | 4;
export function realtimeStatus(n: RealtimeStatusKind): Buffer {
  return b(DLE, EOT, n);
}

/** DLE ENQ n — real-time recovery: 1 restart from the error line, 2 clear receive and print buffers. */
export function realtimeRecover(n: 1 | 2): Buffer {
  return b(DLE, ENQ, n);
}

function byte(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new RangeError(`ESC/POS parameter out of range: ${n}`);
  return n;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
