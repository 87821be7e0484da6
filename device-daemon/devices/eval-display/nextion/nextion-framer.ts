import { type ReplyDeadline, replyDeadline } from '../../transport/reply-deadline';
import { RETURN_CODES } from './instructions';

export type NextionFrame =
  /** A return code (0x01 success with bkcmd=3, or a failure such as 0x1A). */
  | { kind: 'result'; code: number }
  /** 0x65: a component was touched (event 1 = press, 0 = release). */
  | { kind: 'touch'; page: number; component: number; event: number }
  /** 0x66: the current page (the answer to `sendme`). */
  | { kind: 'page'; page: number }
  /** 0x67/0x68: touch coordinates (sent only with sendxy=1). */
  | { kind: 'xy'; x: number; y: number; event: number }
  /** 0x71: a numeric value (get of a number), little-endian signed 32 bits. */
  | { kind: 'number'; value: number }
  /** 0x70: a string value (get of a text); raw bytes in the display's encoding. */
  | { kind: 'string'; bytes: Buffer }
  /** `comok …`: the answer to `connect`, the display's identity (model, firmware, serial). */
  | { kind: 'comok'; text: string }
  /** 00 00 00: the display powered up; 0x88: it is ready; 0x86/0x87: it went to sleep or woke. */
  | { kind: 'startup' }
  | { kind: 'ready' }
  | { kind: 'sleep' }
  | { kind: 'wake' }
  /** Bytes that made no frame (line noise, a frame cut by an unplug): counted, never acted on. */
  | { kind: 'garbage'; bytes: number };

const FF = 0xff;
/** Frames whose length the header fixes (payload bytes after the header, before FF FF FF). */
const FIXED: Record<number, number> = {
  0x65: 3,
  0x66: 1,
  0x67: 5,
  0x68: 5,
  0x71: 4,
  0x86: 0,
  0x87: 0,
  0x88: 0,
};
for (const code of Object.keys(RETURN_CODES)) FIXED[Number(code)] = 0;
const STRING = 0x70;
const COMOK = Buffer.from('comok', 'ascii');
const STARTUP = Buffer.from([0x00, 0x00, 0x00, FF, FF, FF]);
/** Longest variable frame kept (a `get` of a long text, the comok identity); a longer run is garbage. */
const MAX_FRAME = 1024;

const isTerminator = (b: Buffer, at: number) => b[at] === FF && b[at + 1] === FF && b[at + 2] === FF;

/**
 * Cuts a Nextion display's byte stream into frames. Not a plain split on
 * FF FF FF (serialport's DelimiterParser): a numeric reply may carry 0xFF
 * bytes, and line noise before a touch event would glue itself to the event
 * and lose it. So the header byte decides: a fixed-length frame is taken
 * when its terminator sits exactly where it must (and none earlier); a string or comok frame
 * runs to the first terminator; anything else is skipped one byte at a time
 * (counted as garbage) until a frame starts, so a press after noise is
 * still read. A frame held half-received longer than the inter-byte timeout
 * (the display stopped mid-frame) is dropped as garbage.
 */
export class NextionFramer {
  private buf = Buffer.alloc(0);
  private garbage = 0;
  private timer: ReplyDeadline | undefined;
  private readonly listeners: Array<(f: NextionFrame) => void> = [];

  constructor(private readonly interByteTimeoutMs = 100) {}

  onFrame(fn: (f: NextionFrame) => void): void {
    this.listeners.push(fn);
  }

  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    this.drain();
    this.timer?.cancel();
    this.timer = undefined;
    // Noise with nothing after it is reported now, not when the next frame comes.
    if (this.buf.length === 0) this.flushGarbage();
    // Silence counted in time the daemon could listen: after the event loop was held, the rest of the frame may be
    // waiting unread in the port (Node runs due timers before it reads).
    else this.timer = replyDeadline(this.interByteTimeoutMs, () => this.reset());
  }

  /** Forget a frame half-received (port lost, or the inter-byte timeout): its bytes are reported as garbage. */
  reset(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.garbage += this.buf.length;
    this.buf = Buffer.alloc(0);
    this.flushGarbage();
  }

  private drain(): void {
    while (this.buf.length > 0) {
      const taken = this.take();
      if (taken === 'wait') return;
      if (taken === 'skip') {
        this.garbage++;
        this.buf = this.buf.subarray(1);
        continue;
      }
      this.buf = this.buf.subarray(taken.length);
      this.flushGarbage();
      this.emit(taken.frame);
    }
  }

  /** The frame at the head of the buffer: wait for more bytes, skip the head byte, or a frame and its length. */
  private take(): 'wait' | 'skip' | { frame: NextionFrame; length: number } {
    const b = this.buf;
    const h = b[0]!;
    if (h === 0x00 && b.length >= 2 && b[1] === 0x00) {
      if (b.length < STARTUP.length) return STARTUP.subarray(0, b.length).equals(b) ? 'wait' : 'skip';
      return b.subarray(0, STARTUP.length).equals(STARTUP) ? { frame: { kind: 'startup' }, length: STARTUP.length } : 'skip';
    }
    if (h === STRING || h === COMOK[0]) return this.takeVariable(h);
    const payload = FIXED[h];
    if (payload === undefined) return 'skip';
    // A terminator inside the payload means the header was noise: no frame this driver asks for carries
    // FF FF FF in its payload (it sends no `get`, so number frames, whose value may, never come).
    for (let at = 1; at <= payload && at + 2 < b.length; at++) if (isTerminator(b, at)) return 'skip';
    const need = 1 + payload + 3;
    if (b.length < need) return 'wait';
    if (!isTerminator(b, 1 + payload)) return 'skip';
    return { frame: fixedFrame(h, b.subarray(1, 1 + payload)), length: need };
  }

  private takeVariable(h: number): 'wait' | 'skip' | { frame: NextionFrame; length: number } {
    const b = this.buf;
    if (h === COMOK[0]) {
      const head = b.subarray(0, COMOK.length);
      if (!COMOK.subarray(0, head.length).equals(head)) return 'skip';
    }
    const end = b.indexOf(Buffer.from([FF, FF, FF]));
    if (end === -1) return b.length > MAX_FRAME ? 'skip' : 'wait';
    if (end > MAX_FRAME) return 'skip';
    const body = b.subarray(1, end);
    const frame: NextionFrame = h === STRING ? { kind: 'string', bytes: Buffer.from(body) } : { kind: 'comok', text: b.subarray(0, end).toString('latin1') };
    return { frame, length: end + 3 };
  }

  private flushGarbage(): void {
    if (this.garbage === 0) return;
    const bytes = this.garbage;
    this.garbage = 0;
    this.emit({ kind: 'garbage', bytes });
  }

  private emit(f: NextionFrame): void {
    for (const fn of this.listeners) fn(f);
  }
}

function fixedFrame(h: number, p: Buffer): NextionFrame {
  switch (h) {
    case 0x65:
      return { kind: 'touch', page: p[0]!, component: p[1]!, event: p[2]! };
    case 0x66:
      return { kind: 'page', page: p[0]! };
    case 0x67:
    case 0x68:
      return { kind: 'xy', x: p.readUInt16BE(0), y: p.readUInt16BE(2), event: p[4]! };
    case 0x71:
      return { kind: 'number', value: p.readInt32LE(0) };
    case 0x86:
      return { kind: 'sleep' };
    case 0x87:
      return { kind: 'wake' };
    case 0x88:
      return { kind: 'ready' };
    default:
      return { kind: 'result', code: h };
  }
}
