// Byte-level ESC/POS parser: the device side of the printer protocol. Pure
// and total: any byte sequence yields ops, unknown commands are reported
// with the bytes skipped, a command cut off at the end of input is reported
// as truncated. Lengths follow the Epson ESC/POS reference (fixed params,
// pL pH, p1..p4, xL xH yL yH × data, NUL-terminated).

export type EscposOp =
  | { op: 'text'; bytes: Buffer }
  | { op: 'lf' }
  | { op: 'cr' }
  | { op: 'ht' }
  | { op: 'init' }
  | { op: 'chinese'; on: boolean }
  | { op: 'chineseMode'; n: number }
  | { op: 'printMode'; n: number }
  | { op: 'size'; width: number; height: number }
  | { op: 'bold'; on: boolean }
  | { op: 'underline'; n: number }
  | { op: 'reverse'; on: boolean }
  | { op: 'align'; n: 0 | 1 | 2 }
  | { op: 'font'; n: number }
  | { op: 'lineSpacing'; dots: number | null }
  | { op: 'feedLines'; n: number }
  | { op: 'feedDots'; n: number }
  | { op: 'codeTable'; n: number }
  | { op: 'qr'; fn: number; params: Buffer }
  | { op: 'raster'; mode: number; widthBytes: number; height: number; data: Buffer }
  | { op: 'bitImage'; mode: number; width: number; data: Buffer }
  | { op: 'graphics'; params: Buffer }
  | { op: 'cut'; full: boolean; feed: boolean; n: number }
  | { op: 'pulse'; pin: number; t1: number; t2: number }
  | { op: 'asb'; n: number }
  | { op: 'transmitStatus'; n: number }
  | { op: 'realtimeStatus'; n: number }
  | { op: 'realtimeRecover'; n: number }
  | { op: 'realtimeRequest'; fn: number; params: Buffer }
  | { op: 'legacyQr'; data: Buffer }
  | { op: 'ignored'; name: string; bytes: Buffer }
  | { op: 'unknown'; bytes: Buffer; reason: string };

export type ParseStep = { op: EscposOp; end: number } | { incomplete: true };

/** Declared data larger than this is taken as garbage, not waited for (a real printer would hang; we report). */
const MAX_COMMAND_DATA = 1 << 20;

const INCOMPLETE = { incomplete: true } as const;

/** Parse one op at `pos`. Never throws; `incomplete` means more bytes are needed. */
export function parseOne(buf: Buffer, pos: number): ParseStep {
  const b0 = buf[pos]!;
  if (b0 >= 0x20) {
    let end = pos + 1;
    while (end < buf.length && buf[end]! >= 0x20) end++;
    return { op: { op: 'text', bytes: buf.subarray(pos, end) }, end };
  }
  switch (b0) {
    case 0x0a:
      return { op: { op: 'lf' }, end: pos + 1 };
    case 0x0d:
      return { op: { op: 'cr' }, end: pos + 1 };
    case 0x09:
      return { op: { op: 'ht' }, end: pos + 1 };
    case 0x00:
      return { op: { op: 'ignored', name: 'NUL', bytes: buf.subarray(pos, pos + 1) }, end: pos + 1 };
    case 0x1b:
      return parseEsc(buf, pos);
    case 0x1d:
      return parseGs(buf, pos);
    case 0x1c:
      return parseFs(buf, pos);
    case 0x10:
      return parseDle(buf, pos);
    case 0x0c:
      return { op: { op: 'ignored', name: 'FF', bytes: buf.subarray(pos, pos + 1) }, end: pos + 1 };
    case 0x18:
      return { op: { op: 'ignored', name: 'CAN', bytes: buf.subarray(pos, pos + 1) }, end: pos + 1 };
    default:
      return unknown(buf, pos, 1, `control byte 0x${hex(b0)}`);
  }
}

function need(buf: Buffer, pos: number, n: number): boolean {
  return pos + n <= buf.length;
}

function fixed(buf: Buffer, pos: number, len: number, make: (p: Buffer) => EscposOp): ParseStep {
  if (!need(buf, pos, len)) return INCOMPLETE;
  return { op: make(buf.subarray(pos, pos + len)), end: pos + len };
}

function ignored(buf: Buffer, pos: number, len: number, name: string): ParseStep {
  return fixed(buf, pos, len, (p) => ({ op: 'ignored', name, bytes: p }));
}

function unknown(buf: Buffer, pos: number, len: number, reason: string): ParseStep {
  const end = Math.min(buf.length, pos + len);
  return { op: { op: 'unknown', bytes: buf.subarray(pos, end), reason }, end };
}

/** A command with a declared data length: header bytes then `dataLen` bytes. Oversized lengths are reported, not awaited. */
function withData(buf: Buffer, pos: number, headerLen: number, dataLen: number, name: string, make: (header: Buffer, data: Buffer) => EscposOp): ParseStep {
  if (dataLen > MAX_COMMAND_DATA) return unknown(buf, pos, headerLen, `${name} declares ${dataLen} bytes of data (too large; header skipped)`);
  if (!need(buf, pos, headerLen + dataLen)) return INCOMPLETE;
  return { op: make(buf.subarray(pos, pos + headerLen), buf.subarray(pos + headerLen, pos + headerLen + dataLen)), end: pos + headerLen + dataLen };
}

/** NUL-terminated parameters (ESC D, GS k m 0..6), at most `max` bytes before the NUL. */
function nulTerminated(buf: Buffer, pos: number, start: number, max: number, name: string): ParseStep {
  for (let i = start; i < buf.length && i <= start + max; i++) {
    if (buf[i] === 0) return { op: { op: 'ignored', name, bytes: buf.subarray(pos, i + 1) }, end: i + 1 };
  }
  if (buf.length <= start + max) return INCOMPLETE;
  return unknown(buf, pos, start - pos, `${name} without a NUL within ${max} bytes`);
}

function parseEsc(buf: Buffer, pos: number): ParseStep {
  if (!need(buf, pos, 2)) return INCOMPLETE;
  const c = buf[pos + 1]!;
  const p = (i: number) => buf[pos + 2 + i]!;
  switch (c) {
    case 0x40: // ESC @
      return { op: { op: 'init' }, end: pos + 2 };
    case 0x21: // ESC ! n
      return fixed(buf, pos, 3, () => ({ op: 'printMode', n: p(0) }));
    case 0x45: // ESC E n
      return fixed(buf, pos, 3, () => ({ op: 'bold', on: (p(0) & 1) === 1 }));
    case 0x47: // ESC G n (double strike ≈ bold)
      return fixed(buf, pos, 3, () => ({ op: 'bold', on: (p(0) & 1) === 1 }));
    case 0x2d: // ESC - n
      return fixed(buf, pos, 3, () => ({ op: 'underline', n: p(0) % 48 }));
    case 0x61: // ESC a n
      return fixed(buf, pos, 3, () => ({ op: 'align', n: Math.min(2, p(0) % 48) as 0 | 1 | 2 }));
    case 0x4d: // ESC M n
      return fixed(buf, pos, 3, () => ({ op: 'font', n: p(0) % 48 }));
    case 0x32: // ESC 2
      return { op: { op: 'lineSpacing', dots: null }, end: pos + 2 };
    case 0x33: // ESC 3 n
      return fixed(buf, pos, 3, () => ({ op: 'lineSpacing', dots: p(0) }));
    case 0x64: // ESC d n
      return fixed(buf, pos, 3, () => ({ op: 'feedLines', n: p(0) }));
    case 0x4a: // ESC J n
      return fixed(buf, pos, 3, () => ({ op: 'feedDots', n: p(0) }));
    case 0x74: // ESC t n
      return fixed(buf, pos, 3, () => ({ op: 'codeTable', n: p(0) }));
    case 0x70: // ESC p m t1 t2
      return fixed(buf, pos, 5, () => ({ op: 'pulse', pin: p(0) % 48 === 0 ? 2 : 5, t1: p(1), t2: p(2) }));
    case 0x2a: {
      // ESC * m nL nH d…
      if (!need(buf, pos, 5)) return INCOMPLETE;
      const m = p(0);
      const n = p(1) + p(2) * 256;
      const k = m === 32 || m === 33 ? n * 3 : n;
      return withData(buf, pos, 5, k, 'ESC *', (_h, d) => ({ op: 'bitImage', mode: m, width: n, data: d }));
    }
    case 0x44: // ESC D n1…nk NUL (tab stops)
      return nulTerminated(buf, pos, pos + 2, 32, 'ESC D');
    case 0x26: {
      // ESC & y c1 c2 [x d1…d(y×x)]… (user-defined characters)
      if (!need(buf, pos, 5)) return INCOMPLETE;
      const y = p(0);
      const count = p(2) - p(1) + 1;
      if (count < 1 || count > 95) return unknown(buf, pos, 5, 'ESC & with an invalid character range');
      let i = pos + 5;
      for (let ch = 0; ch < count; ch++) {
        if (!need(buf, i, 1)) return INCOMPLETE;
        i += 1 + y * buf[i]!;
        if (i > buf.length) return INCOMPLETE;
      }
      return { op: { op: 'ignored', name: 'ESC &', bytes: buf.subarray(pos, i) }, end: i };
    }
    case 0x28: {
      // ESC ( fn pL pH …
      if (!need(buf, pos, 5)) return INCOMPLETE;
      return withData(buf, pos, 5, p(1) + p(2) * 256, 'ESC (', (h, d) => ({ op: 'ignored', name: `ESC ( ${String.fromCharCode(h[2]!)}`, bytes: Buffer.concat([h, d]) }));
    }
    case 0x24: // ESC $ nL nH
    case 0x5c: // ESC \ nL nH
      return ignored(buf, pos, 4, `ESC ${String.fromCharCode(c)}`);
    case 0x42: // ESC B n t (beeper on Chinese firmware)
      return ignored(buf, pos, 4, 'ESC B');
    case 0x63: // ESC c 3 n / ESC c 4 n / ESC c 5 n
      return ignored(buf, pos, 4, 'ESC c');
    case 0x57: // ESC W (page mode area)
      return ignored(buf, pos, 10, 'ESC W');
    case 0x5a: {
      // ESC Z v n k dL dH d… — the legacy QR escpos's qrcode() emits after GS Z 2
      if (!need(buf, pos, 7)) return INCOMPLETE;
      return withData(buf, pos, 7, p(3) + p(4) * 256, 'ESC Z', (_h, d) => ({ op: 'legacyQr', data: d }));
    }
    case 0x20: // ESC SP n
    case 0x25: // ESC % n
    case 0x3d: // ESC = n
    case 0x3f: // ESC ? n
    case 0x4b: // ESC K n
    case 0x52: // ESC R n
    case 0x54: // ESC T n
    case 0x55: // ESC U n
    case 0x56: // ESC V n
    case 0x65: // ESC e n
    case 0x72: // ESC r n
    case 0x75: // ESC u n
    case 0x7b: // ESC { n
      return ignored(buf, pos, 3, `ESC ${String.fromCharCode(c)}`);
    case 0x3c: // ESC <
    case 0x4c: // ESC L
    case 0x53: // ESC S
    case 0x0c: // ESC FF
    case 0x69: // ESC i (partial cut, old)
    case 0x6d: // ESC m
    case 0x76: // ESC v (transmit paper status, old)
      if (c === 0x69 || c === 0x6d) return { op: { op: 'cut', full: c === 0x69, feed: false, n: 0 }, end: pos + 2 };
      return ignored(buf, pos, 2, `ESC ${c === 0x0c ? 'FF' : String.fromCharCode(c)}`);
    case 0x34: // ESC 4 — Star italic on; not Epson ESC/POS
    case 0x35: // ESC 5 — Star italic off
      return unknown(buf, pos, 2, `ESC ${String.fromCharCode(c)} is a Star command, not ESC/POS`);
    default:
      return unknown(buf, pos, 2, `ESC 0x${hex(c)}`);
  }
}

function parseGs(buf: Buffer, pos: number): ParseStep {
  if (!need(buf, pos, 2)) return INCOMPLETE;
  const c = buf[pos + 1]!;
  const p = (i: number) => buf[pos + 2 + i]!;
  switch (c) {
    case 0x21: // GS ! n
      return fixed(buf, pos, 3, () => ({ op: 'size', width: (p(0) >> 4) + 1, height: (p(0) & 0x0f) + 1 }));
    case 0x42: // GS B n
      return fixed(buf, pos, 3, () => ({ op: 'reverse', on: (p(0) & 1) === 1 }));
    case 0x56: {
      // GS V m [n]
      if (!need(buf, pos, 3)) return INCOMPLETE;
      const m = p(0);
      if (m === 0 || m === 1 || m === 48 || m === 49) return { op: { op: 'cut', full: m % 48 === 0, feed: false, n: 0 }, end: pos + 3 };
      if ([65, 66, 97, 98, 103, 104].includes(m)) return fixed(buf, pos, 4, () => ({ op: 'cut', full: m % 2 === 1, feed: true, n: p(1) }));
      return unknown(buf, pos, 3, `GS V with m=${m}`);
    }
    case 0x61: // GS a n
      return fixed(buf, pos, 3, () => ({ op: 'asb', n: p(0) }));
    case 0x72: // GS r n
      return fixed(buf, pos, 3, () => ({ op: 'transmitStatus', n: p(0) % 48 }));
    case 0x28: {
      // GS ( fn pL pH …
      if (!need(buf, pos, 5)) return INCOMPLETE;
      const fnLetter = p(0);
      const len = p(1) + p(2) * 256;
      if (fnLetter === 0x6b) {
        return withData(buf, pos, 5, len, 'GS ( k', (_h, d) => {
          if (d.length < 2) return { op: 'unknown', bytes: Buffer.concat([_h, d]), reason: 'GS ( k too short' };
          return { op: 'qr', fn: d[1]!, params: d.subarray(2) };
        });
      }
      if (fnLetter === 0x4c) return withData(buf, pos, 5, len, 'GS ( L', (h, d) => ({ op: 'graphics', params: Buffer.concat([h, d]) }));
      return withData(buf, pos, 5, len, 'GS (', (h, d) => ({ op: 'ignored', name: `GS ( ${String.fromCharCode(fnLetter)}`, bytes: Buffer.concat([h, d]) }));
    }
    case 0x38: {
      // GS 8 L p1 p2 p3 p4 …
      if (!need(buf, pos, 7)) return INCOMPLETE;
      if (p(0) !== 0x4c) return unknown(buf, pos, 3, `GS 8 0x${hex(p(0))}`);
      const len = p(1) + p(2) * 0x100 + p(3) * 0x10000 + p(4) * 0x1000000;
      return withData(buf, pos, 7, len, 'GS 8 L', (h, d) => ({ op: 'graphics', params: Buffer.concat([h, d]) }));
    }
    case 0x76: {
      // GS v 0 m xL xH yL yH d…
      if (!need(buf, pos, 8)) return INCOMPLETE;
      if (p(0) !== 0x30) return unknown(buf, pos, 3, `GS v 0x${hex(p(0))}`);
      const x = p(2) + p(3) * 256;
      const y = p(4) + p(5) * 256;
      return withData(buf, pos, 8, x * y, 'GS v 0', (_h, d) => ({ op: 'raster', mode: p(1) % 48, widthBytes: x, height: y, data: d }));
    }
    case 0x2a: {
      // GS * x y d… (define downloaded bit image)
      if (!need(buf, pos, 4)) return INCOMPLETE;
      return withData(buf, pos, 4, p(0) * p(1) * 8, 'GS *', (h, d) => ({ op: 'ignored', name: 'GS *', bytes: Buffer.concat([h, d]) }));
    }
    case 0x6b: {
      // GS k m … (barcodes): m 0–6 NUL-terminated, m 65–79 with a length byte
      if (!need(buf, pos, 3)) return INCOMPLETE;
      const m = p(0);
      if (m <= 6) return nulTerminated(buf, pos, pos + 3, 255, 'GS k');
      if (m >= 65 && m <= 79) {
        if (!need(buf, pos, 4)) return INCOMPLETE;
        return withData(buf, pos, 4, p(1), 'GS k', (h, d) => ({ op: 'ignored', name: 'GS k', bytes: Buffer.concat([h, d]) }));
      }
      return unknown(buf, pos, 3, `GS k with m=${m}`);
    }
    case 0x65: {
      // GS e n [m] (Custom presenter): n = 3 takes a step count
      if (!need(buf, pos, 3)) return INCOMPLETE;
      return ignored(buf, pos, p(0) === 3 ? 4 : 3, 'GS e');
    }
    case 0x52: {
      // GS R 0 / GS R 1 n (Citizen retract)
      if (!need(buf, pos, 3)) return INCOMPLETE;
      return ignored(buf, pos, p(0) % 48 === 1 ? 4 : 3, 'GS R');
    }
    case 0x67: // GS g 0 m nL nH / GS g 2 m nL nH (maintenance counters)
      return ignored(buf, pos, 6, 'GS g');
    case 0x5e: // GS ^ r t m
      return ignored(buf, pos, 5, 'GS ^');
    case 0x24: // GS $
    case 0x4c: // GS L
    case 0x50: // GS P
    case 0x57: // GS W
    case 0x5c: // GS \
      return ignored(buf, pos, 4, `GS ${String.fromCharCode(c)}`);
    case 0x5a: // GS Z n (legacy 2D code select)
    case 0x2f: // GS / m
    case 0x48: // GS H n
    case 0x49: // GS I n
    case 0x54: // GS T n
    case 0x62: // GS b n
    case 0x66: // GS f n
    case 0x68: // GS h n
    case 0x77: // GS w n
      return ignored(buf, pos, 3, `GS ${String.fromCharCode(c)}`);
    case 0x3a: // GS :
    case 0x63: // GS c
      return ignored(buf, pos, 2, `GS ${String.fromCharCode(c)}`);
    default:
      return unknown(buf, pos, 2, `GS 0x${hex(c)}`);
  }
}

function parseFs(buf: Buffer, pos: number): ParseStep {
  if (!need(buf, pos, 2)) return INCOMPLETE;
  const c = buf[pos + 1]!;
  const p = (i: number) => buf[pos + 2 + i]!;
  switch (c) {
    case 0x26: // FS &
      return { op: { op: 'chinese', on: true }, end: pos + 2 };
    case 0x2e: // FS .
      return { op: { op: 'chinese', on: false }, end: pos + 2 };
    case 0x21: // FS ! n
      return fixed(buf, pos, 3, () => ({ op: 'chineseMode', n: p(0) }));
    case 0x2d: // FS - n
      return fixed(buf, pos, 3, () => ({ op: 'underline', n: p(0) % 48 }));
    case 0x43: // FS C n
    case 0x57: // FS W n
      return ignored(buf, pos, 3, `FS ${String.fromCharCode(c)}`);
    case 0x53: // FS S n1 n2
    case 0x70: // FS p n m
      return ignored(buf, pos, 4, `FS ${String.fromCharCode(c)}`);
    case 0x32: // FS 2 c1 c2 d1…d72
      return ignored(buf, pos, 4 + 72, 'FS 2');
    case 0x28: {
      // FS ( fn pL pH …
      if (!need(buf, pos, 5)) return INCOMPLETE;
      return withData(buf, pos, 5, p(1) + p(2) * 256, 'FS (', (h, d) => ({ op: 'ignored', name: `FS ( ${String.fromCharCode(h[2]!)}`, bytes: Buffer.concat([h, d]) }));
    }
    case 0x71: {
      // FS q n [xL xH yL yH d1…dk]1…n (define NV bit images)
      if (!need(buf, pos, 3)) return INCOMPLETE;
      let i = pos + 3;
      for (let img = 0; img < p(0); img++) {
        if (!need(buf, i, 4)) return INCOMPLETE;
        const k = (buf[i]! + buf[i + 1]! * 256) * (buf[i + 2]! + buf[i + 3]! * 256) * 8;
        if (k > MAX_COMMAND_DATA) return unknown(buf, pos, 3, 'FS q image too large');
        i += 4 + k;
        if (i > buf.length) return INCOMPLETE;
      }
      return { op: { op: 'ignored', name: 'FS q', bytes: buf.subarray(pos, i) }, end: i };
    }
    default:
      return unknown(buf, pos, 2, `FS 0x${hex(c)}`);
  }
}

function parseDle(buf: Buffer, pos: number): ParseStep {
  if (!need(buf, pos, 2)) return INCOMPLETE;
  const c = buf[pos + 1]!;
  switch (c) {
    case 0x04: // DLE EOT n (n 7 and 8 take one more byte)
      if (!need(buf, pos, 3)) return INCOMPLETE;
      if (buf[pos + 2] === 7 || buf[pos + 2] === 8) return fixed(buf, pos, 4, (x) => ({ op: 'realtimeStatus', n: x[2]! }));
      return fixed(buf, pos, 3, (x) => ({ op: 'realtimeStatus', n: x[2]! }));
    case 0x05: // DLE ENQ n
      return fixed(buf, pos, 3, (x) => ({ op: 'realtimeRecover', n: x[2]! }));
    case 0x14: {
      // DLE DC4 fn …
      if (!need(buf, pos, 3)) return INCOMPLETE;
      const fn = buf[pos + 2]!;
      const len = fn === 1 || fn === 2 ? 5 : fn === 7 ? 4 : fn === 8 ? 10 : 3;
      return fixed(buf, pos, len, (x) => ({ op: 'realtimeRequest', fn, params: x.subarray(3) }));
    }
    default:
      return unknown(buf, pos, 1, `DLE followed by 0x${hex(c)}`);
  }
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0').toUpperCase();
}

/** Streaming wrapper: feed chunks, get complete ops; `end()` reports what was left unfinished. */
export class EscposStreamParser {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): EscposOp[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    const ops: EscposOp[] = [];
    let pos = 0;
    while (pos < this.pending.length) {
      const step = parseOne(this.pending, pos);
      if ('incomplete' in step) break;
      ops.push(step.op);
      pos = step.end;
    }
    this.pending = this.pending.subarray(pos);
    return ops;
  }

  /** Bytes held waiting for the rest of a command. */
  get held(): number {
    return this.pending.length;
  }

  end(): EscposOp[] {
    if (!this.pending.length) return [];
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return [{ op: 'unknown', bytes: rest, reason: `truncated command at end of input (${rest.length} bytes)` }];
  }

  clear(): void {
    this.pending = Buffer.alloc(0);
  }
}

/** Whole-buffer parse (CLI, tests). */
export function parseAll(buf: Buffer): EscposOp[] {
  const p = new EscposStreamParser();
  return [...p.push(buf), ...p.end()];
}
