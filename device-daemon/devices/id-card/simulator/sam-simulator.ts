import { keepRecent } from '../../simulation/recent';
import { SAM_COMMANDS } from '../codec/sam-commands';
import { buildResponse, SamFrameParser, parseRequestPayload, type SamRequest } from '../codec/sam-frame';
import { encodeCardText } from '../codec/card-text';
import { buildReadBase, encodeAppendedAddress, encodeSamId } from '../codec/read-base';
import { simCard, type SimCard } from './sim-cards';

/**
 * The reader's side of the SAM_V protocol (reference §12): parses request
 * frames with the same codec the driver uses, keeps the card state
 * NO_CARD → PRESENT → FOUND → SELECTED → READ, and answers with real frames
 * after a processing time. Bytes reach the host through a SimWire, which
 * paces them at the baud rate (serial) or the USB packet rate (HID).
 */

export interface SimTiming {
  statusMs: number;
  findMs: number;
  selectMs: number;
  /** RF read of text + photo before the reply starts; removing the card inside this window fails the read. */
  readMs: number;
  addressMs: number;
}

/** Module processing times in the range the reference gives (find ~50–100 ms, read ~0.5–1 s) [U]. */
export const REALISTIC_TIMING: SimTiming = { statusMs: 5, findMs: 60, selectMs: 40, readMs: 650, addressMs: 80 };
/** No processing time: only wire time remains (benchmarks, fast tests). */
export const INSTANT_TIMING: SimTiming = { statusMs: 0, findMs: 0, selectMs: 0, readMs: 0, addressMs: 0 };

/**
 * What a pulled card does to a read in progress:
 * status41 — the module answers 0x41 (most readers);
 * silent — the module never answers (the host times out);
 * truncate — a module that streams while reading stops mid-reply.
 */
export type RemovalMode = 'status41' | 'silent' | 'truncate';

export interface SimWire {
  /** Send a reply; `abort` is polled between paced chunks (with the bytes sent so far) and stops the rest when it returns true. */
  send(frame: Buffer, abort?: (sent: number) => boolean): Promise<void>;
}

export type CardState = 'none' | 'present' | 'found' | 'selected' | 'read';

export interface SimLogEntry {
  at: number;
  cmd: number;
  para: number;
  sw3: number | null;
}

export interface SamSimulatorOptions {
  timing?: SimTiming;
  removalMode?: RemovalMode;
  samId?: string;
  /** Card on the reader at start. */
  card?: string;
}

const DEFAULT_SAM_ID = '05.01-20260101-0000004104-0000000001';

export class SamSimulator {
  wire: SimWire | undefined;
  timing: SimTiming;
  removalMode: RemovalMode;
  private readonly parser = new SamFrameParser('request');
  private queue: Promise<void> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();
  private card: SimCard | undefined;
  private state: CardState = 'none';
  /** Bumped on every placement and removal, so a read can tell its card left. */
  private epoch = 0;
  private fault: { code: number; persistent: boolean; cmd?: number; para?: number } | undefined;
  /** Test/demo hook: pull the card when this many bytes of the next read reply have left. */
  private pullAt: number | undefined;
  private pullStreaming = false;
  private readonly samIdBytes: Buffer;
  /** Replies sent (sw3 null: none sent). */
  readonly log: SimLogEntry[] = [];
  /** Requests as they reach the module, before processing. */
  readonly received: Array<{ at: number; cmd: number; para: number }> = [];
  private stopped = false;

  constructor(opts: SamSimulatorOptions = {}) {
    this.timing = opts.timing ?? REALISTIC_TIMING;
    this.removalMode = opts.removalMode ?? 'status41';
    this.samIdBytes = encodeSamId(opts.samId ?? DEFAULT_SAM_ID);
    if (opts.card) this.place(opts.card);
  }

  get cardState(): CardState {
    return this.state;
  }
  get cardId(): string | undefined {
    return this.card?.id;
  }

  // ---- controls ----

  place(id: string): void {
    const card = simCard(id);
    this.card = card;
    this.state = 'present';
    this.epoch++;
  }

  remove(): void {
    this.card = undefined;
    this.state = 'none';
    this.epoch++;
  }

  /** Pull the card and lay another one down (two residents at the counter). */
  swap(id: string): void {
    this.remove();
    this.place(id);
  }

  /**
   * The module answers `code` to the next command (or to every command until
   * power-cycled, if persistent); with `on`, only to that command (e.g. the read).
   */
  injectFault(code: number, persistent = false, on?: { cmd: number; para: number }): void {
    this.fault = { code: code & 0xff, persistent, ...(on ? { cmd: on.cmd, para: on.para } : {}) };
  }

  /**
   * Pull the card once `bytes` bytes of the next successful read reply have
   * been sent. `streaming`: this time the module stops sending when the card
   * goes (as a streaming module does), whatever its removal mode.
   */
  pullCardDuringReply(bytes: number, streaming = false): void {
    this.pullAt = bytes;
    this.pullStreaming = streaming;
  }

  clearFault(): void {
    this.fault = undefined;
  }

  /** Power loss (unplug): the module forgets selection and faults; a card lying on it counts as newly presented. */
  powerCycle(): void {
    this.fault = undefined;
    this.parser.reset();
    this.state = this.card ? 'present' : 'none';
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  // ---- wire side ----

  /** Bytes from the host, in whatever pieces they arrive. */
  receive(bytes: Uint8Array): void {
    for (const item of this.parser.push(bytes)) {
      if (item.ok) this.enqueue(() => this.handle(parseRequestPayload(item.payload)));
      // A corrupt host frame: SW3 0x10 for a checksum, 0x11 for a length (reference §12).
      else this.enqueue(() => this.reply(null, item.error.kind === 'badChecksum' ? 0x10 : 0x11));
    }
  }

  private enqueue(job: () => Promise<void>): void {
    this.queue = this.queue.then(job).catch(() => {});
  }

  private sleep(ms: number): Promise<void> {
    // No processing time (INSTANT_TIMING) means none: a zero timer would still cost a turn of the timer loop (≥ 1 ms) per command.
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(
        () => {
          this.timers.delete(t);
          resolve();
        },
        Math.max(0, ms),
      );
      this.timers.add(t);
    });
  }

  private async reply(req: SamRequest | null, sw3: number, data?: Buffer, abort?: (sent: number) => boolean): Promise<void> {
    this.record(req, sw3);
    if (this.stopped) return;
    await this.wire?.send(buildResponse(sw3, data), abort);
  }

  private record(req: SamRequest | null, sw3: number | null): void {
    keepRecent(this.log, { at: performance.now(), cmd: req?.cmd ?? -1, para: req?.para ?? -1, sw3 }, 2000);
  }

  private takeFault(req: SamRequest): number | undefined {
    const f = this.fault;
    if (!f) return undefined;
    if (f.cmd !== undefined && (f.cmd !== req.cmd || f.para !== req.para)) return undefined;
    if (!f.persistent) this.fault = undefined;
    return f.code;
  }

  private async handle(req: SamRequest): Promise<void> {
    keepRecent(this.received, { at: performance.now(), cmd: req.cmd, para: req.para }, 2000);
    const C = SAM_COMMANDS;
    const is = (c: { cmd: number; para: number }) => req.cmd === c.cmd && req.para === c.para;
    const fault = this.takeFault(req);
    if (fault !== undefined) {
      await this.sleep(this.timing.statusMs);
      return this.reply(req, fault);
    }
    if (is(C.samStatus) || is(C.resetSam)) {
      await this.sleep(this.timing.statusMs);
      return this.reply(req, 0x90);
    }
    if (is(C.samId)) {
      await this.sleep(this.timing.statusMs);
      return this.reply(req, 0x90, this.samIdBytes);
    }
    if (is(C.setRfFrameSize)) {
      const n = req.data[0];
      return this.reply(req, req.data.length === 1 && n !== undefined && n >= 24 ? 0x90 : 0x21);
    }
    if (is(C.findCard)) {
      await this.sleep(this.timing.findMs);
      // A card already read stays "used" until it leaves the field (reference §8).
      if (this.state === 'present' || this.state === 'found' || this.state === 'selected') {
        this.state = 'found';
        return this.reply(req, 0x9f, Buffer.alloc(4));
      }
      return this.reply(req, 0x80);
    }
    if (is(C.selectCard)) {
      await this.sleep(this.timing.selectMs);
      if (this.state === 'found' || this.state === 'read') {
        this.state = 'selected';
        return this.reply(req, 0x90, Buffer.alloc(8));
      }
      return this.reply(req, 0x81);
    }
    if (is(C.readBase) || is(C.readBaseFingerprint)) return this.readBase(req, is(C.readBaseFingerprint));
    // Appended address: 30 03 per most sources, 30 02 per one document copy; accept both.
    if (req.cmd === 0x30 && (req.para === 0x03 || req.para === 0x02)) {
      await this.sleep(this.timing.addressMs);
      if (!this.card || (this.state !== 'selected' && this.state !== 'read')) return this.reply(req, 0x41);
      const addr = this.card.record.appendedAddress;
      return addr ? this.reply(req, 0x90, encodeAppendedAddress(addr)) : this.reply(req, 0x91);
    }
    return this.reply(req, 0x21);
  }

  private async readBase(req: SamRequest, withFingerprint: boolean): Promise<void> {
    const epoch = this.epoch;
    const card = this.card;
    await this.sleep(this.timing.readMs);
    const pulled = epoch !== this.epoch;
    if (!card || pulled || (this.state !== 'selected' && this.state !== 'read')) {
      if (pulled && this.removalMode === 'silent') return this.record(req, null);
      return this.reply(req, 0x41);
    }
    if (card.damaged) {
      this.state = 'present';
      return this.reply(req, 0x41);
    }
    this.state = 'read';
    const text = encodeCardText(card.record);
    const data = withFingerprint ? buildReadBase(text, card.wlt, Buffer.alloc(0)) : buildReadBase(text, card.wlt);
    // A buffering module finishes the reply it already holds; a streaming one stops when the card goes.
    const pullAt = this.pullAt;
    const streaming = this.removalMode === 'truncate' || (pullAt !== undefined && this.pullStreaming);
    const abort = streaming ? () => this.epoch !== epoch : undefined;
    this.pullAt = undefined;
    this.pullStreaming = false;
    if (pullAt === undefined) return this.reply(req, 0x90, data, abort);
    // Scripted pull at an exact reply byte: send up to it, pull, then whatever the module still sends.
    const frame = buildResponse(0x90, data);
    this.record(req, 0x90);
    if (this.stopped) return;
    await this.wire?.send(frame.subarray(0, pullAt));
    this.remove();
    if (!abort?.()) await this.wire?.send(frame.subarray(pullAt));
  }
}
