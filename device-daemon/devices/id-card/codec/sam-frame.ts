/**
 * SAM_V frame layer (reference §2): pure, no I/O.
 *
 *   host → reader : AA AA AA 96 69 | LEN_H LEN_L | CMD | PARA | DATA… | CHK
 *   reader → host : AA AA AA 96 69 | LEN_H LEN_L | SW1 | SW2 | SW3 | DATA… | CHK
 *
 * LEN is big-endian and counts everything after itself including CHK; CHK is
 * the XOR of every byte from LEN_H to the last DATA byte. The "payload" here
 * is what lies between LEN and CHK.
 */

const PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
/** Preamble + LEN. */
const HEADER_BYTES = 7;
/**
 * Largest LEN any documented frame carries: read text + photo + 1024-byte
 * fingerprint (2321-byte frame, LEN 0x090A). A larger LEN is noise, not a frame.
 */
export const MAX_LEN = 0x090a;
/** Smallest LEN per direction: CMD PARA CHK, or SW1 SW2 SW3 CHK. */
const MIN_LEN = { request: 3, response: 4 } as const;

export type FrameDirection = keyof typeof MIN_LEN;

export type SamFrameErrorKind =
  /** XOR check failed. */
  | 'badChecksum'
  /** LEN below the direction's minimum or above MAX_LEN. */
  | 'badLength'
  /** A whole frame was expected but the buffer ended early or ran on. */
  | 'badSize'
  /** A whole frame was expected but it does not start with the preamble. */
  | 'badPreamble'
  /** Payload too short for the fields the caller asked for, or data too long to frame. */
  | 'badPayload';

/** Every failure of the codec is one of these; nothing else escapes it. */
export class SamFrameError extends Error {
  override name = 'SamFrameError';
  constructor(
    readonly kind: SamFrameErrorKind,
    message: string,
  ) {
    super(message);
  }
}

function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i]!;
  return x;
}

/** Wrap a payload in preamble, LEN and CHK. */
function encodeFrame(payload: Uint8Array): Buffer {
  const len = payload.length + 1;
  if (len > MAX_LEN) throw new SamFrameError('badPayload', `payload of ${payload.length} bytes exceeds the largest frame`);
  const out = Buffer.alloc(HEADER_BYTES + len);
  PREAMBLE.copy(out, 0);
  out.writeUInt16BE(len, 5);
  out.set(payload, HEADER_BYTES);
  out[out.length - 1] = xorChecksum(out, 5, out.length - 1);
  return out;
}

export function buildRequest(cmd: number, para: number, data: Uint8Array = Buffer.alloc(0)): Buffer {
  return encodeFrame(Buffer.concat([Buffer.from([cmd & 0xff, para & 0xff]), data]));
}

export function buildResponse(sw3: number, data: Uint8Array = Buffer.alloc(0), sw1 = 0, sw2 = 0): Buffer {
  return encodeFrame(Buffer.concat([Buffer.from([sw1 & 0xff, sw2 & 0xff, sw3 & 0xff]), data]));
}

export interface SamRequest {
  cmd: number;
  para: number;
  data: Buffer;
}

export interface SamResponse {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Buffer;
}

export function parseRequestPayload(payload: Buffer): SamRequest {
  if (payload.length < 2) throw new SamFrameError('badPayload', `request payload of ${payload.length} bytes has no CMD/PARA`);
  return { cmd: payload[0]!, para: payload[1]!, data: payload.subarray(2) };
}

export function parseResponsePayload(payload: Buffer): SamResponse {
  if (payload.length < 3) throw new SamFrameError('badPayload', `response payload of ${payload.length} bytes has no SW1-SW3`);
  return { sw1: payload[0]!, sw2: payload[1]!, sw3: payload[2]!, data: payload.subarray(3) };
}

/** Check one complete frame (exact length) and return its payload. */
export function decodeFrame(frame: Uint8Array, direction: FrameDirection): Buffer {
  const buf = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  if (buf.length < HEADER_BYTES) throw new SamFrameError('badSize', `${buf.length} bytes is shorter than a frame header`);
  if (!buf.subarray(0, 5).equals(PREAMBLE)) throw new SamFrameError('badPreamble', 'frame does not start with AA AA AA 96 69');
  const len = buf.readUInt16BE(5);
  checkLen(len, direction);
  if (buf.length !== HEADER_BYTES + len) {
    throw new SamFrameError('badSize', `LEN ${len} announces a ${HEADER_BYTES + len}-byte frame, got ${buf.length} bytes`);
  }
  const chk = xorChecksum(buf, 5, buf.length - 1);
  if (chk !== buf[buf.length - 1]) {
    throw new SamFrameError('badChecksum', `checksum 0x${hex(buf[buf.length - 1]!)} does not match computed 0x${hex(chk)}`);
  }
  return Buffer.from(buf.subarray(HEADER_BYTES, buf.length - 1));
}

export function decodeRequest(frame: Uint8Array): SamRequest {
  return parseRequestPayload(decodeFrame(frame, 'request'));
}

export function decodeResponse(frame: Uint8Array): SamResponse {
  return parseResponsePayload(decodeFrame(frame, 'response'));
}

function checkLen(len: number, direction: FrameDirection): void {
  if (len < MIN_LEN[direction] || len > MAX_LEN) {
    throw new SamFrameError('badLength', `LEN ${len} is impossible for a ${direction} (allowed ${MIN_LEN[direction]}..${MAX_LEN})`);
  }
}

const hex = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();

export type ParsedItem = { ok: true; payload: Buffer; frame: Buffer } | { ok: false; error: SamFrameError };

/**
 * Incremental receiver for a byte stream: finds the preamble wherever it is
 * (garbage before it is dropped and counted), waits for LEN more bytes across
 * as many reads as it takes, returns every complete frame of a read, and turns
 * bad checksums and impossible lengths into SamFrameError items. After an
 * error it resumes the scan one byte past the false preamble, so a real frame
 * hidden behind noise is still found. Memory is bounded by one maximal frame.
 */
export class SamFrameParser {
  private buf: Buffer = Buffer.alloc(0);
  /** Bytes dropped while looking for a preamble (diagnostics). */
  discarded = 0;

  constructor(private readonly direction: FrameDirection) {}

  /** Bytes held for a frame not yet complete. */
  get pending(): number {
    return this.buf.length;
  }

  /** A preamble has been seen and its frame is not complete yet. */
  get inFrame(): boolean {
    return this.buf.length >= PREAMBLE.length && this.buf.subarray(0, PREAMBLE.length).equals(PREAMBLE);
  }

  /** Forget a partial frame (after a command timed out: its tail must not swallow the next reply). */
  reset(): void {
    this.discarded += this.buf.length;
    this.buf = Buffer.alloc(0);
  }

  push(chunk: Uint8Array): ParsedItem[] {
    const out: ParsedItem[] = [];
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    for (;;) {
      const start = findPreamble(this.buf);
      if (start < 0) {
        // Keep a tail that may be the start of a preamble split across reads.
        const keep = partialPreambleTail(this.buf);
        this.drop(this.buf.length - keep);
        return out;
      }
      this.drop(start);
      if (this.buf.length < HEADER_BYTES) return out;
      const len = this.buf.readUInt16BE(5);
      if (len < MIN_LEN[this.direction] || len > MAX_LEN) {
        out.push({ ok: false, error: new SamFrameError('badLength', `LEN ${len} is impossible for a ${this.direction}; resynchronising`) });
        this.drop(1);
        continue;
      }
      const total = HEADER_BYTES + len;
      if (this.buf.length < total) return out;
      const frame = Buffer.from(this.buf.subarray(0, total));
      const chk = xorChecksum(frame, 5, total - 1);
      if (chk !== frame[total - 1]) {
        out.push({ ok: false, error: new SamFrameError('badChecksum', `checksum 0x${hex(frame[total - 1]!)} != computed 0x${hex(chk)}; resynchronising`) });
        this.drop(1);
        continue;
      }
      out.push({ ok: true, payload: frame.subarray(HEADER_BYTES, total - 1), frame });
      this.buf = this.buf.subarray(total);
    }
  }

  private drop(n: number): void {
    if (n <= 0) return;
    this.discarded += n;
    this.buf = this.buf.subarray(n);
  }
}

function findPreamble(buf: Buffer): number {
  return buf.indexOf(PREAMBLE);
}

/** Length of the longest suffix of buf that is a proper prefix of the preamble. */
function partialPreambleTail(buf: Buffer): number {
  for (let k = Math.min(PREAMBLE.length - 1, buf.length); k > 0; k--) {
    if (buf.subarray(buf.length - k).equals(PREAMBLE.subarray(0, k))) return k;
  }
  return 0;
}

export const toHex = (b: Uint8Array, sep = ' ') =>
  Buffer.from(b)
    .toString('hex', 0, b.length)
    .toUpperCase()
    .replace(/(..)(?=.)/g, `$1${sep}`);

/** Parse hex text as typed by a technician: spaces, colons, 0x prefixes and newlines are ignored. */
export function fromHex(text: string): Buffer {
  const clean = text.replace(/0x/gi, '').replace(/[\s:,-]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(clean)) throw new SamFrameError('badPayload', 'input is not hexadecimal');
  if (clean.length % 2) throw new SamFrameError('badPayload', 'hex input has an odd number of digits');
  return Buffer.from(clean, 'hex');
}
