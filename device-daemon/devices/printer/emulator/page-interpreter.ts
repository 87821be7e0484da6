import iconv from 'iconv-lite';
import type { EscposOp } from './escpos-parser';
import type { PrinterEncoding } from '../text-encoding';
import { ASCII_DOTS, LINE_HEIGHT_DOTS, charWidth } from '../display-width';
import { qrMatrix } from '../qr-matrix';
import { DEFAULT_LINE_SPACING, DOTS_PER_MM } from '../receipt-writer';

// Turns parsed ops into what a printed receipt would show: text lines with
// their styles, QR symbols (with the payload, so tests can assert the URL),
// raster images, cuts and pulses, with vertical positions in dots. It is the
// "print head" of the emulator; the device model (status, buffers, pacing)
// is printer-emulator.ts.

type Align = 'left' | 'center' | 'right';
export interface TextRun {
  text: string;
  bold: boolean;
  underline: boolean;
  width: number;
  height: number;
  reverse: boolean;
}
export type PageItem =
  | { kind: 'text'; text: string; runs: TextRun[]; align: Align; y: number; height: number }
  | { kind: 'qr'; payload: string; moduleSize: number; ecc: string; modules: number; align: Align; y: number; height: number }
  | { kind: 'image'; widthDots: number; heightDots: number; widthBytes: number; data: string; align: Align; y: number; height: number }
  | { kind: 'feed'; y: number; height: number }
  | { kind: 'cut'; full: boolean; y: number }
  | { kind: 'pulse'; pin: number; onMs: number; offMs: number };

export interface RenderedPage {
  receivedAt: string;
  items: PageItem[];
  /** Text lines in print order (blank lines included as ''). */
  lines: string[];
  qr: string[];
  images: number;
  cuts: number;
  incomplete: boolean;
  warnings: string[];
  /** Unknown or truncated commands: reason and the first bytes, hex. */
  unknown: Array<{ reason: string; hex: string }>;
  paperDots: number;
  paperMm: number;
  paperWidthDots: number;
}

export interface InterpreterOptions {
  encoding: PrinterEncoding;
  paperWidthDots: number;
  /** A printer without GS ( k ignores it (the symbol is not printed). */
  nativeQr: boolean;
  /** Chinese mode at power-on (varies by vendor; the driver must not rely on it). */
  chineseAtPowerOn?: boolean;
}

const ECC_NAMES: Record<number, string> = { 0x30: 'L', 0x31: 'M', 0x32: 'Q', 0x33: 'H' };
const MAX_WARNINGS = 50;

export class PageInterpreter {
  private items: PageItem[] = [];
  private warnings: string[] = [];
  private unknown: Array<{ reason: string; hex: string }> = [];
  private y = 0;
  private runs: Array<{ bytes: Buffer[]; style: Omit<TextRun, 'text'> }> = [];
  private mode = this.powerOnMode();
  private qrStore: { data: Buffer | null; size: number; ecc: number; model: number } = { data: null, size: 3, ecc: 0x30, model: 0x32 };
  private started = new Date().toISOString();

  constructor(private readonly opts: InterpreterOptions) {}

  private powerOnMode() {
    return {
      chinese: this.opts?.chineseAtPowerOn ?? false,
      bold: false,
      underline: false,
      reverse: false,
      width: 1,
      height: 1,
      align: 'left' as Align,
      spacing: DEFAULT_LINE_SPACING,
      codeTable: 0,
    };
  }

  /** Lines (including blank feeds) printed since the page began; the emulator counts them for "paper runs out after N lines". */
  get printedLines(): number {
    return this.items.filter((i) => i.kind === 'text' || i.kind === 'feed').length;
  }

  get hasContent(): boolean {
    return this.items.length > 0 || this.runs.length > 0;
  }

  /** Apply one op; returns the dots of paper it fed (0 for mode changes). */
  apply(op: EscposOp): number {
    const y0 = this.y;
    switch (op.op) {
      case 'text':
        this.addText(op.bytes);
        break;
      case 'lf':
        this.printLine();
        break;
      case 'cr':
      case 'ht':
        break;
      case 'init':
        this.flushRuns();
        this.mode = this.powerOnMode();
        this.qrStore = { data: null, size: 3, ecc: 0x30, model: 0x32 };
        break;
      case 'chinese':
        this.mode.chinese = op.on;
        break;
      case 'chineseMode':
        this.mode.width = op.n & 0x04 ? 2 : this.mode.width;
        this.mode.height = op.n & 0x08 ? 2 : this.mode.height;
        this.mode.underline = (op.n & 0x80) !== 0;
        break;
      case 'printMode':
        this.mode.bold = (op.n & 0x08) !== 0;
        this.mode.height = op.n & 0x10 ? 2 : 1;
        this.mode.width = op.n & 0x20 ? 2 : 1;
        this.mode.underline = (op.n & 0x80) !== 0;
        break;
      case 'size':
        this.mode.width = op.width;
        this.mode.height = op.height;
        break;
      case 'bold':
        this.mode.bold = op.on;
        break;
      case 'underline':
        this.mode.underline = op.n > 0;
        break;
      case 'reverse':
        this.mode.reverse = op.on;
        break;
      case 'align':
        this.mode.align = op.n === 1 ? 'center' : op.n === 2 ? 'right' : 'left';
        break;
      case 'font':
      case 'codeTable':
        if (op.op === 'codeTable') this.mode.codeTable = op.n;
        break;
      case 'lineSpacing':
        this.mode.spacing = op.dots ?? DEFAULT_LINE_SPACING;
        break;
      case 'feedLines':
        this.flushRuns();
        for (let i = 0; i < op.n; i++) this.feed(this.mode.spacing);
        break;
      case 'feedDots':
        this.flushRuns();
        this.feed(op.n);
        break;
      case 'qr':
        this.qr(op.fn, op.params);
        break;
      case 'raster':
        this.raster(op);
        break;
      case 'bitImage':
        this.flushRuns();
        this.items.push({ kind: 'image', widthDots: op.width, heightDots: op.mode >= 32 ? 24 : 8, widthBytes: 0, data: '', align: this.mode.align, y: this.y, height: op.mode >= 32 ? 24 : 8 });
        this.y += op.mode >= 32 ? 24 : 8;
        break;
      case 'graphics':
        this.warn('GS 8 L / GS ( L graphics are not rendered by the emulator');
        break;
      case 'cut':
        this.flushRuns();
        if (op.feed) this.y += 14 * DOTS_PER_MM + op.n; // feed to the cutter (≈ 14 mm below the head)
        this.items.push({ kind: 'cut', full: op.full, y: this.y });
        break;
      case 'pulse':
        this.items.push({ kind: 'pulse', pin: op.pin, onMs: op.t1 * 2, offMs: op.t2 * 2 });
        break;
      case 'legacyQr':
        this.warn(`legacy QR (GS Z / ESC Z, escpos qrcode()) ignored: Epson-class printers do not implement it (${op.data.length} bytes)`);
        break;
      case 'asb':
      case 'transmitStatus':
      case 'realtimeStatus':
      case 'realtimeRecover':
      case 'realtimeRequest':
        break; // answered by the device model
      case 'ignored':
        break;
      case 'unknown':
        this.unknown.push({ reason: op.reason, hex: op.bytes.subarray(0, 16).toString('hex') });
        break;
    }
    return this.y - y0;
  }

  /** Close the page: pending text is printed (as a printer does on cut/feed). */
  finish(incomplete = false): RenderedPage {
    this.flushRuns();
    const items = this.items;
    const page: RenderedPage = {
      receivedAt: this.started,
      items,
      lines: items.filter((i): i is Extract<PageItem, { kind: 'text' }> => i.kind === 'text').map((i) => i.text),
      qr: items.filter((i): i is Extract<PageItem, { kind: 'qr' }> => i.kind === 'qr').map((i) => i.payload),
      images: items.filter((i) => i.kind === 'image').length,
      cuts: items.filter((i) => i.kind === 'cut').length,
      incomplete,
      warnings: this.warnings,
      unknown: this.unknown,
      paperDots: this.y,
      paperMm: Math.round((this.y / DOTS_PER_MM) * 10) / 10,
      paperWidthDots: this.opts.paperWidthDots,
    };
    this.items = [];
    this.warnings = [];
    this.unknown = [];
    this.runs = [];
    this.y = 0;
    this.started = new Date().toISOString();
    return page;
  }

  private warn(w: string): void {
    if (this.warnings.length < MAX_WARNINGS && !this.warnings.includes(w)) this.warnings.push(w);
  }

  private style(): Omit<TextRun, 'text'> {
    const m = this.mode;
    return { bold: m.bold, underline: m.underline, width: m.width, height: m.height, reverse: m.reverse };
  }

  private addText(bytes: Buffer): void {
    const style = this.style();
    const last = this.runs[this.runs.length - 1];
    // Raw bytes are kept per run and decoded at the end of the line: a GB code may straddle two chunks.
    if (last && JSON.stringify(last.style) === JSON.stringify(style)) last.bytes.push(bytes);
    else this.runs.push({ bytes: [bytes], style });
  }

  private flushRuns(): void {
    if (this.runs.length) this.printLine();
  }

  private decode(bytes: Buffer): string {
    if (!this.mode.chinese) {
      if (bytes.some((x) => x >= 0x80)) this.warn('bytes ≥ 0x80 printed in single-byte mode: Chinese mode (FS &) was not selected');
      return iconv.decode(bytes, 'cp437');
    }
    let out = '';
    let i = 0;
    let start = 0;
    const flush = (end: number) => {
      if (end > start) out += iconv.decode(bytes.subarray(start, end), this.opts.encoding === 'GBK' ? 'GBK' : 'GB18030');
    };
    while (i < bytes.length) {
      const b = bytes[i]!;
      if (b >= 0x81 && b <= 0xfe && i + 1 < bytes.length && bytes[i + 1]! >= 0x30 && bytes[i + 1]! <= 0x39) {
        if (this.opts.encoding === 'GBK') {
          flush(i);
          this.warn(`GB18030 four-byte code ${bytes.subarray(i, i + 4).toString('hex')} printed as garbage on GBK firmware`);
          out += '\ufffd\ufffd';
          i += 4;
          start = i;
          continue;
        }
        i += 4;
        continue;
      }
      i += b >= 0x81 ? 2 : 1;
    }
    flush(Math.min(i, bytes.length));
    return out;
  }

  private printLine(): void {
    const runs: TextRun[] = this.runs.map((r) => ({ ...r.style, text: this.decode(Buffer.concat(r.bytes)) }));
    this.runs = [];
    if (runs.length === 0 || runs.every((r) => r.text === '')) {
      this.feed(this.mode.spacing);
      return;
    }
    // A line wider than the paper wraps on the printer; report it, the layout should have wrapped.
    const lines: TextRun[][] = [[]];
    let dots = 0;
    for (const run of runs) {
      let text = '';
      for (const ch of run.text) {
        const w = charWidth(ch) * ASCII_DOTS * run.width;
        if (dots + w > this.opts.paperWidthDots) {
          if (text) lines[lines.length - 1]!.push({ ...run, text });
          lines.push([]);
          text = '';
          dots = 0;
          this.warn(`a line is wider than ${this.opts.paperWidthDots} dots and wrapped on the printer`);
        }
        text += ch;
        dots += w;
      }
      if (text) lines[lines.length - 1]!.push({ ...run, text });
    }
    for (const line of lines) {
      const h = Math.max(1, ...line.map((r) => r.height));
      const height = Math.max(this.mode.spacing, LINE_HEIGHT_DOTS * h);
      this.items.push({ kind: 'text', text: line.map((r) => r.text).join(''), runs: line, align: this.mode.align, y: this.y, height });
      this.y += height;
    }
  }

  private feed(dots: number): void {
    this.items.push({ kind: 'feed', y: this.y, height: dots });
    this.y += dots;
  }

  private qr(fn: number, params: Buffer): void {
    switch (fn) {
      case 0x41:
        this.qrStore.model = params[0] ?? 0x32;
        return;
      case 0x43:
        this.qrStore.size = params[0] ?? 3;
        return;
      case 0x45:
        this.qrStore.ecc = params[0] ?? 0x30;
        return;
      case 0x50:
        this.qrStore.data = Buffer.from(params.subarray(1));
        return;
      case 0x51: {
        this.flushRuns();
        if (!this.opts.nativeQr) {
          this.warn('this printer has no native QR (GS ( k): the symbol was not printed');
          return;
        }
        const data = this.qrStore.data;
        if (!data || data.length === 0) {
          this.warn('GS ( k print without stored data');
          return;
        }
        const ecc = ECC_NAMES[this.qrStore.ecc] ?? 'L';
        const payload = data.toString('utf8');
        let modules = 0;
        try {
          modules = qrMatrix(payload, ecc as 'L').size;
        } catch {
          this.warn('QR data does not fit a symbol');
          return;
        }
        const height = modules * this.qrStore.size;
        this.items.push({ kind: 'qr', payload, moduleSize: this.qrStore.size, ecc, modules, align: this.mode.align, y: this.y, height });
        this.y += height;
        return;
      }
      default:
        return; // fn 82 (transmit size) and others: nothing printed
    }
  }

  private raster(op: Extract<EscposOp, { op: 'raster' }>): void {
    this.flushRuns();
    const height = op.height * (op.mode & 2 ? 2 : 1);
    if (op.widthBytes * 8 * (op.mode & 1 ? 2 : 1) > this.opts.paperWidthDots) this.warn(`raster image wider than ${this.opts.paperWidthDots} dots`);
    // Consecutive bands of the same width are one picture.
    const prev = this.items[this.items.length - 1];
    if (prev && prev.kind === 'image' && prev.widthBytes === op.widthBytes && prev.y + prev.height === this.y) {
      prev.data = Buffer.concat([Buffer.from(prev.data, 'base64'), op.data]).toString('base64');
      prev.heightDots += op.height;
      prev.height += height;
    } else {
      this.items.push({ kind: 'image', widthDots: op.widthBytes * 8, heightDots: op.height, widthBytes: op.widthBytes, data: op.data.toString('base64'), align: this.mode.align, y: this.y, height });
    }
    this.y += height;
  }
}
