import escpos from 'escpos/commands';
import iconv from 'iconv-lite';
import * as cmd from './escpos-commands';
import { printableText, type PrinterEncoding } from './text-encoding';
import { LINE_HEIGHT_DOTS } from './display-width';
import { qrBitmap, qrMatrix, type Bitmap } from './qr-matrix';

/** What the writer needs to know about the printer (a subset of config devices.printer.profile). */
export interface WriterProfile {
  paperWidthDots: 384 | 576;
  encoding: PrinterEncoding;
  nativeQr: boolean;
  cut: 'full' | 'partial';
}

export interface BuiltJob {
  bytes: Buffer;
  /**
   * Offsets between whole commands. The driver may only pause there (to
   * query DLE EOT): a real-time query inside raster data would be both
   * answered and printed as dots.
   */
  safePoints: number[];
  /** Paper the job feeds, in dots (8 dots = 1 mm at 203 dpi). */
  paperDots: number;
  /** Characters replaced because the profile's encoding cannot print them. */
  replaced: string[];
}

/** Default line spacing after ESC @ (1/6 inch ≈ 30 dots on 203 dpi heads). */
export const DEFAULT_LINE_SPACING = 30;
export const DOTS_PER_MM = 8;
/** Line feeds before the cut, so the last line clears the cutter. */
const CUT_FEED_LINES = 4;
/** Raster bands stay ≤ 255 rows (some firmware reads only the low byte) and ≈ 2 KB, so status can be checked between them. */
const RASTER_BAND_BYTES = 2048;

/**
 * Builds one job's bytes. The ESC/POS command table of `escpos` (2.5.2,
 * escpos/commands) gives what that package gets right: ESC @, ESC a, the
 * line feeds and the cut (GS V 0/1); text goes through iconv-lite in
 * GB18030/GBK as escpos encodes it. The rest comes from escpos-commands.ts
 * (FS &, GS !, ESC E, GS ( k, ESC p, GS r, GS v 0).
 *
 * escpos's Printer class is not used: its methods only append those table
 * entries to a buffer, and loading it requires get-pixels and an HTTP client
 * (~240 ms of CPU, measured), which the daemon would pay at start or, loaded
 * lazily, as a stall of the event loop in the middle of device I/O. Raster
 * images are ours too, although escpos.raster() emits correct GS v 0: its
 * Image class wants get-pixels' RGBA ndarray and builds one JS object per
 * pixel (~50 ms for the two raster QR codes of a receipt, against well under
 * 1 ms for packing the rows ourselves), and it cannot band an image.
 */
const ALIGN = { left: escpos.TEXT_FORMAT.TXT_ALIGN_LT, center: escpos.TEXT_FORMAT.TXT_ALIGN_CT, right: escpos.TEXT_FORMAT.TXT_ALIGN_RT } as const;

export class ReceiptWriter {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private readonly safe: number[] = [];
  private paper = 0;
  private sizeH = 1;
  private spacing = DEFAULT_LINE_SPACING;
  private readonly replaced: string[] = [];
  private ended = false;

  constructor(readonly profile: WriterProfile) {}

  /** ESC @ then FS &: every job starts from a known state in Chinese mode, whatever the power-on default. */
  begin(): this {
    this.put(escpos.HARDWARE.HW_INIT);
    this.raw(cmd.CHINESE_ON);
    this.sizeH = 1;
    this.spacing = DEFAULT_LINE_SPACING;
    return this.mark();
  }

  align(a: 'left' | 'center' | 'right'): this {
    this.put(ALIGN[a]);
    return this.mark();
  }

  /** Character size (GS !) and emphasis (ESC E). */
  style(s: { width?: number; height?: number; bold?: boolean }): this {
    if (s.width !== undefined || s.height !== undefined) {
      this.raw(cmd.charSize(s.width ?? 1, s.height ?? 1));
      this.sizeH = Math.min(8, Math.max(1, Math.round(s.height ?? 1)));
    }
    if (s.bold !== undefined) this.raw(cmd.bold(s.bold));
    return this.mark();
  }

  /** One printed line (the caller wraps to the column count). */
  line(text: string): this {
    const { text: printable, replaced } = printableText(text, this.profile.encoding);
    this.replaced.push(...replaced);
    this.put(iconv.encode(printable, this.profile.encoding));
    this.raw(Buffer.from([cmd.LF]));
    this.paper += Math.max(this.spacing, LINE_HEIGHT_DOTS * this.sizeH);
    return this.mark();
  }

  feed(lines = 1): this {
    if (lines <= 0) return this;
    this.put(escpos.EOL.repeat(lines));
    this.paper += lines * this.spacing;
    return this.mark();
  }

  /**
   * QR code: native GS ( k when the profile has it, else a raster image of
   * the same symbol (module size in dots). Native printing ignores quiet-zone
   * bytes; the raster carries its own quiet zone.
   */
  qr(payload: string, opts: { moduleSize?: number; ecc?: cmd.QrEcc } = {}): this {
    const moduleSize = opts.moduleSize ?? 6;
    const ecc = opts.ecc ?? 'M';
    const matrix = qrMatrix(payload, ecc);
    if (this.profile.nativeQr) {
      this.raw(cmd.nativeQr(payload, { moduleSize, ecc }));
      this.paper += matrix.size * moduleSize;
      return this.mark();
    }
    const side = (matrix.size + 8) * moduleSize;
    const pad = Math.max(0, Math.floor((this.profile.paperWidthDots - side) / 2));
    return this.image(qrBitmap(matrix, moduleSize, pad));
  }

  /** A 1-bit image as GS v 0 raster bands. */
  image(bmp: Bitmap): this {
    const rowsPerBand = Math.max(8, Math.min(255, Math.floor(RASTER_BAND_BYTES / bmp.widthBytes)));
    for (let y0 = 0; y0 < bmp.heightDots; y0 += rowsPerBand) {
      const rows = Math.min(rowsPerBand, bmp.heightDots - y0);
      this.raw(cmd.rasterBand(bmp.widthBytes, rows, bmp.data.subarray(y0 * bmp.widthBytes, (y0 + rows) * bmp.widthBytes)));
      this.paper += rows;
      this.mark();
    }
    return this;
  }

  /** ESC p m t1 t2 (drawer/beeper pulse): always the full 5 bytes. */
  pulse(pin: 2 | 5 = 2, onMs = 100, offMs = 200): this {
    this.raw(cmd.pulse(pin, onMs, offMs));
    return this.mark();
  }

  /** Feed past the cutter, then cut as the profile says. */
  cut(): this {
    this.put(escpos.EOL.repeat(CUT_FEED_LINES) + escpos.PAPER[this.profile.cut === 'partial' ? 'PAPER_PART_CUT' : 'PAPER_FULL_CUT']);
    this.paper += CUT_FEED_LINES * this.spacing;
    return this.mark();
  }

  /** GS r 1: its reply tells the driver every byte before it was processed. */
  end(): this {
    this.raw(cmd.TRANSMIT_PAPER_STATUS);
    this.ended = true;
    return this.mark();
  }

  build(): BuiltJob {
    if (!this.ended) this.end();
    const bytes = Buffer.concat(this.chunks, this.size);
    return { bytes, safePoints: [...new Set(this.safe)].filter((o) => o > 0 && o < bytes.length), paperDots: this.paper, replaced: this.replaced };
  }

  private raw(bytes: Buffer): void {
    this.put(bytes);
  }

  private put(data: Buffer | string): void {
    // The table's entries are ASCII control strings: one byte per character.
    const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    this.chunks.push(b);
    this.size += b.length;
  }

  private mark(): this {
    this.safe.push(this.size);
    return this;
  }
}
