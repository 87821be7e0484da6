import { DelimiterParser } from 'serialport';
import { type ReplyDeadline, replyDeadline } from '../transport/reply-deadline';

export type ScanSuffix = 'CR' | 'CRLF' | 'LF';

export interface FramerOptions {
  suffix: ScanSuffix;
  /** Longest code in bytes (suffix excluded); a longer one is dropped whole, up to and including its suffix. */
  maxLength: number;
  /** A code whose bytes stop arriving for this long before its suffix is dropped. */
  interByteTimeoutMs: number;
}

export type DiscardReason = 'partial' | 'overlong' | 'garbage';

export type FramerOutput = { ok: true; text: string } | { ok: false; reason: DiscardReason; bytes: number };

const CR = 0x0d;
const LF = 0x0a;

/**
 * Cuts the byte stream of a serial ("USB virtual COM") scanner into codes.
 * Framing is serialport's DelimiterParser on the last byte of the configured
 * suffix (CR, or LF for CRLF/LF); a CR or LF left at either end of a frame is
 * dropped, so a scanner sending CRLF where CR was configured still reads
 * cleanly. Two guards the parser lacks are added around it:
 * - inter-byte timeout: when bytes stop arriving mid-code (the resident moved
 *   the receipt away, a cable glitch) the parser's buffer is emptied, so the
 *   fragment is reported as `partial` and never glued to the next code;
 * - max length: a frame that grows past maxLength is dropped and everything up
 *   to its suffix skipped (`overlong`).
 * A frame that is not valid UTF-8 or carries control characters is `garbage`.
 */
export class CodeFramer {
  private readonly parser: DelimiterParser;
  private timer: ReplyDeadline | undefined;
  /** Skipping the rest of an over-long frame until its delimiter. */
  private skipping = 0;
  private readonly listeners: Array<(o: FramerOutput) => void> = [];
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  private readonly delimiter: number;

  constructor(private readonly opts: FramerOptions) {
    this.delimiter = opts.suffix === 'CR' ? CR : LF;
    this.parser = new DelimiterParser({ delimiter: [this.delimiter] });
    this.parser.on('data', (frame: Buffer) => this.onFrame(frame));
  }

  onOutput(fn: (o: FramerOutput) => void): void {
    this.listeners.push(fn);
  }

  /** Bytes as the port delivered them (any split). */
  push(chunk: Buffer): void {
    this.parser.write(this.skipping ? this.skipToDelimiter(chunk) : chunk);
    const held = this.parser.buffer.length;
    if (held > this.opts.maxLength + 1) {
      // +1: the CR of a CRLF suffix may sit in the buffer waiting for its LF.
      this.skipping += held;
      this.parser.buffer = Buffer.alloc(0);
    }
    this.timer?.cancel();
    this.timer = undefined;
    // Silence counted in time the daemon could listen: after the event loop was held, the rest of the code may be
    // waiting unread in the port (Node runs due timers before it reads), and cutting there would read its tail as a code.
    if (this.parser.buffer.length > 0 || this.skipping > 0) this.timer = replyDeadline(this.opts.interByteTimeoutMs, () => this.onTimeout());
  }

  /** Forget anything half-received (port closed or lost). */
  reset(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const held = stripEnds(this.parser.buffer).length;
    this.parser.buffer = Buffer.alloc(0);
    const skipped = this.skipping;
    this.skipping = 0;
    if (skipped) this.emit({ ok: false, reason: 'overlong', bytes: skipped + held });
    else this.emitPartial(held);
  }

  private emitPartial(bytes: number): void {
    if (bytes > 0) this.emit({ ok: false, reason: 'partial', bytes });
  }

  private onTimeout(): void {
    this.timer = undefined;
    const held = stripEnds(this.parser.buffer).length;
    this.parser.buffer = Buffer.alloc(0);
    if (this.skipping) {
      const bytes = this.skipping + held;
      this.skipping = 0;
      this.emit({ ok: false, reason: 'overlong', bytes });
      return;
    }
    this.emitPartial(held);
  }

  /**
   * The rest of an over-long code is consumed here, not by the parser: a
   * delimiter that arrives first in a read makes the parser an empty frame,
   * which it never delivers, so the skip would swallow the next code too.
   */
  private skipToDelimiter(chunk: Buffer): Buffer {
    const end = chunk.indexOf(this.delimiter);
    if (end === -1) {
      this.skipping += chunk.length;
      return Buffer.alloc(0);
    }
    this.emit({ ok: false, reason: 'overlong', bytes: this.skipping + end });
    this.skipping = 0;
    return chunk.subarray(end + 1);
  }

  private onFrame(raw: Buffer): void {
    const frame = stripEnds(raw);
    if (frame.length === 0) return; // the LF of a CRLF read with CR framing, or a blank line
    if (frame.length > this.opts.maxLength) return this.emit({ ok: false, reason: 'overlong', bytes: frame.length });
    let text: string;
    try {
      text = this.decoder.decode(frame);
    } catch {
      return this.emit({ ok: false, reason: 'garbage', bytes: frame.length });
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f\ufffd]/.test(text)) return this.emit({ ok: false, reason: 'garbage', bytes: frame.length });
    this.emit({ ok: true, text });
  }

  private emit(o: FramerOutput): void {
    for (const fn of this.listeners) fn(o);
  }
}

/** Drop CR/LF at both ends (the other half of a CRLF, a stray line end). */
function stripEnds(b: Buffer): Buffer {
  let s = 0;
  let e = b.length;
  while (s < e && (b[s] === CR || b[s] === LF)) s++;
  while (e > s && (b[e - 1] === CR || b[e - 1] === LF)) e--;
  return b.subarray(s, e);
}
