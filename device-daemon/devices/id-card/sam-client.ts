import type { Logger } from 'pino';
import { SAM_COMMANDS, type SamCommandDef, type SamCommandName, requestFrame } from './codec/sam-commands';
import { canAnswer } from './codec/sam-status';
import { parseResponsePayload, type SamFrameError, SamFrameParser, type SamResponse } from './codec/sam-frame';
import type { ByteTransport } from '../transport/byte-transport';
import { type ReplyDeadline, replyDeadline } from '../transport/reply-deadline';

/** The reader did not answer within the command's time (processing allowance + 1.5 × wire time). */
export class SamTimeoutError extends Error {
  override name = 'SamTimeoutError';
}
/** The link to the reader is gone or not open. */
export class SamLinkError extends Error {
  override name = 'SamLinkError';
}

export interface SamReply extends SamResponse {
  frame: Buffer;
}

/** Documented reply sizes of the fingerprint read: F = 1024 / 512 / 0. */
const FINGERPRINT_REPLY_SIZES = [2321, 1809, 1297];
/** Every documented failure reply carries no data (11 bytes); allow small variants, refuse big frames. */
const MAX_FAILURE_REPLY = 27;

/**
 * Sends one SAM command at a time (the protocol is strictly half-duplex) and
 * waits for its reply with a deadline, so no call can hang. Replies are cut
 * from the byte stream by the codec; a frame that cannot be this command's
 * reply (a late answer to a command that timed out: a code it cannot give,
 * a size it cannot have) is dropped. After a
 * timeout the next command waits for the line to fall quiet and starts with
 * an empty parser, so a stale tail cannot swallow a fresh reply.
 */
export class SamClient {
  private readonly parser = new SamFrameParser('response');
  private chain: Promise<unknown> = Promise.resolve();
  private waiter: { def: SamCommandDef; name: SamCommandName; resolve(r: SamReply): void; reject(e: Error): void } | undefined;
  /** Armed while a reply is part-way in: a reply that stops mid-frame fails fast instead of at the command deadline. */
  private interByte: ReplyDeadline | undefined;
  private lastRxAt = 0;
  private needQuiet = false;
  readonly stats = { commands: 0, timeouts: 0, badFrames: 0, strayFrames: 0, txBytes: 0, rxBytes: 0 };

  constructor(
    private readonly transport: ByteTransport,
    private readonly log?: Logger,
  ) {
    transport.onData((chunk) => this.onBytes(chunk));
  }

  /** Run one command; resolves with the reply whatever its SW3, rejects on timeout, link loss or a corrupt reply. */
  exec(name: SamCommandName, data?: Buffer): Promise<SamReply> {
    const run = () => this.execNow(name, data);
    const p = this.chain.then(run, run);
    this.chain = p.catch(() => {});
    return p;
  }

  /** The link broke: fail the command in flight now rather than at its deadline. */
  failPending(reason: string): void {
    const w = this.waiter;
    this.waiter = undefined;
    this.parser.reset();
    this.disarmInterByte();
    w?.reject(new SamLinkError(reason));
  }

  private async execNow(name: SamCommandName, data?: Buffer): Promise<SamReply> {
    if (!this.transport.isOpen) throw new SamLinkError('the reader link is not open');
    if (this.needQuiet) await this.waitQuiet();
    this.parser.reset();
    const def = SAM_COMMANDS[name];
    const frame = requestFrame(name, data);
    const bps = this.transport.bytesPerSecond;
    const wire = ((frame.length + (def.replyBytes ?? 2321)) / bps) * 1000;
    const deadline = Math.ceil(def.timeoutMs + 1.5 * wire + 50);
    this.stats.commands++;
    return new Promise<SamReply>((resolve, reject) => {
      const timer = replyDeadline(deadline, () => {
        if (this.waiter !== w) return;
        this.waiter = undefined;
        this.needQuiet = true;
        this.stats.timeouts++;
        this.disarmInterByte();
        reject(new SamTimeoutError(`no reply to ${name} within ${deadline} ms`));
      });
      const w = {
        def,
        name,
        resolve: (r: SamReply) => {
          timer.cancel();
          this.disarmInterByte();
          resolve(r);
        },
        reject: (e: Error) => {
          timer.cancel();
          this.disarmInterByte();
          reject(e);
        },
      };
      this.waiter = w;
      this.stats.txBytes += frame.length;
      this.transport.write(frame).catch((err: Error) => {
        if (this.waiter !== w) return;
        this.waiter = undefined;
        w.reject(new SamLinkError(`writing ${name} failed: ${err.message}`));
      });
    });
  }

  private onBytes(chunk: Buffer): void {
    this.lastRxAt = performance.now();
    this.stats.rxBytes += chunk.length;
    for (const item of this.parser.push(chunk)) {
      const w = this.waiter;
      if (!item.ok) {
        this.stats.badFrames++;
        // A whole frame with a bad checksum is the reply, corrupted: fail now (the caller may retry).
        // A bad LEN is noise before a preamble: keep waiting for the real reply.
        if (w && item.error.kind === 'badChecksum') {
          this.waiter = undefined;
          w.reject(item.error);
        } else {
          this.log?.debug({ err: item.error.message }, 'id-card reader: dropped noise');
        }
        continue;
      }
      let reply: SamResponse;
      try {
        reply = parseResponsePayload(item.payload);
      } catch (err) {
        this.stats.badFrames++;
        if (w) {
          this.waiter = undefined;
          w.reject(err as SamFrameError);
        }
        continue;
      }
      if (!w || !fits(w.def, reply.sw3, item.frame.length)) {
        this.stats.strayFrames++;
        continue;
      }
      this.waiter = undefined;
      w.resolve({ ...reply, frame: item.frame });
    }
    if (this.waiter && this.parser.inFrame) this.armInterByte();
    else this.disarmInterByte();
  }

  /**
   * Silence longer than 64 byte times (at least 250 ms: above USB-serial
   * latency timers and scheduling hiccups) inside a frame ends it. Counted as
   * a reply deadline is, in time this process could listen: after the event
   * loop was held, the rest of the frame may be waiting unread.
   */
  private armInterByte(): void {
    this.disarmInterByte();
    const ms = Math.max(250, (64 / this.transport.bytesPerSecond) * 1000);
    this.interByte = replyDeadline(ms, () => {
      const w = this.waiter;
      if (!w) return;
      this.waiter = undefined;
      this.needQuiet = true;
      this.stats.timeouts++;
      const got = this.parser.pending;
      this.parser.reset();
      w.reject(new SamTimeoutError(`the reply to ${w.name} stopped after ${got} bytes`));
    });
  }

  private disarmInterByte(): void {
    this.interByte?.cancel();
    this.interByte = undefined;
  }

  private async waitQuiet(): Promise<void> {
    const quietMs = Math.max(20, (5 / this.transport.bytesPerSecond) * 1000);
    const until = performance.now() + 500;
    while (performance.now() - this.lastRxAt < quietMs && performance.now() < until) {
      await new Promise((r) => setTimeout(r, quietMs));
    }
    this.needQuiet = false;
  }
}

/** Whether a reply can be this command's: a code it can give, at a size it can have. */
function fits(def: SamCommandDef, sw3: number, size: number): boolean {
  if (!canAnswer(def, sw3)) return false;
  if (sw3 !== def.ok) return size <= MAX_FAILURE_REPLY;
  if (def === SAM_COMMANDS.readBaseFingerprint) return FINGERPRINT_REPLY_SIZES.includes(size);
  return def.replyBytes === undefined || size === def.replyBytes;
}
