import { parseOne } from './escpos-parser';
import { PageInterpreter, type InterpreterOptions, type RenderedPage } from './page-interpreter';
import { asbBytes, realtimeReplies, transmitPaperReply, type PrinterCondition } from '../status-bytes';
import { DOTS_PER_MM } from '../receipt-writer';
import { WireCapture } from './wire-capture';

/**
 * The simulated printer: the device side of the ESC/POS byte protocol.
 * Bytes arrive through a transport (the paced MockBinding port, TCP 9100, a
 * pty); real-time commands (DLE EOT, DLE ENQ) are answered on receipt even
 * while the printer is stopped, as real printers do; everything else goes
 * through the parser into the print head (PageInterpreter). Paper out,
 * cover open and errors stop processing and hold the rest of the data, which
 * resumes when the condition clears or is discarded by DLE ENQ 2. GS r and
 * ASB replies come from the status model, so tests and simulator controls
 * change what the driver sees only by changing the "mechanism".
 */
export interface EmulatorOptions extends InterpreterOptions {
  /** The model supports GS a (ASB). */
  autoStatusBack: boolean;
  nearEndSensor: boolean;
  /** Last rendered jobs kept in memory. */
  keepJobs?: number;
  /** Paper speed of the print engine: the GS r reply waits until the paper has moved. */
  printSpeedMmPerSec?: number;
}

export interface EmulatorState extends PrinterCondition {
  plugged: boolean;
}

const HELD_LIMIT = 4 << 20;
const RECEIVED_LIMIT = 256 << 10;

export class PrinterEmulator {
  private condition: PrinterCondition = { offline: false, coverOpen: false, paper: 'ok', cutterError: false, otherError: false };
  private plugged = true;
  private interpreter: PageInterpreter;
  private held: Buffer = Buffer.alloc(0);
  private scanTail: Buffer = Buffer.alloc(0);
  private asbMask = 0;
  private lastAsb = '';
  private linesUntilOut: number | undefined;
  private engineFreeAt = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly immediates = new Set<NodeJS.Immediate>();
  private readonly pages: RenderedPage[] = [];
  private readonly replyListeners = new Set<(bytes: Buffer) => void>();
  private readonly pageListeners = new Set<(page: RenderedPage) => void>();
  /** The first bytes received while plugged (tests read a job off the wire); capped small: a simulated printer may run for months. */
  private readonly capture = new WireCapture(RECEIVED_LIMIT);

  constructor(readonly opts: EmulatorOptions) {
    this.interpreter = new PageInterpreter(opts);
  }

  // ---- host side -------------------------------------------------------

  onReply(fn: (bytes: Buffer) => void): () => void {
    this.replyListeners.add(fn);
    return () => this.replyListeners.delete(fn);
  }

  onPage(fn: (page: RenderedPage) => void): () => void {
    this.pageListeners.add(fn);
    return () => this.pageListeners.delete(fn);
  }

  /** Bytes from the host, in arrival order. */
  receive(chunk: Buffer): void {
    if (!this.plugged || chunk.length === 0) return;
    this.capture.add(chunk);
    this.held = this.held.length ? Buffer.concat([this.held, chunk]) : Buffer.from(chunk);
    this.scanRealtime(chunk); // after queuing: DLE ENQ 2 clears what came before it, itself included
    if (this.held.length > HELD_LIMIT) this.held = this.held.subarray(this.held.length - HELD_LIMIT); // a real receive buffer overflows too
    this.process();
  }

  /** The first RECEIVED_LIMIT bytes received while plugged. */
  get received(): Buffer {
    return this.capture.bytes();
  }

  // ---- mechanism (simulator controls, tests) ---------------------------

  get state(): EmulatorState {
    return { ...this.condition, plugged: this.plugged };
  }

  get stopped(): boolean {
    const c = this.condition;
    return c.coverOpen || c.paper === 'out' || c.cutterError || c.otherError || c.offline;
  }

  /** Bytes received but not yet printed (held while stopped, or an unfinished command). */
  get heldBytes(): number {
    return this.held.length;
  }

  setCondition(patch: Partial<PrinterCondition>): void {
    this.condition = { ...this.condition, ...patch };
    if (patch.paper && patch.paper !== 'out') this.linesUntilOut = undefined;
    this.sendAsbIfChanged();
    if (!this.stopped) this.process();
  }

  /** The roll runs out after `lines` more printed lines (paper out in the middle of a job). */
  paperOutAfter(lines: number): void {
    this.linesUntilOut = Math.max(0, Math.floor(lines));
    if (this.linesUntilOut === 0) this.setCondition({ paper: 'out' });
  }

  unplug(): void {
    if (!this.plugged) return;
    this.plugged = false;
    this.clearTimers();
    if (this.interpreter.hasContent) this.keep(this.interpreter.finish(true));
    this.held = Buffer.alloc(0);
  }

  /** Power back on: modes and ASB back to defaults, the paper and cover stay as they physically are. */
  replug(): void {
    if (this.plugged) return;
    this.plugged = true;
    this.interpreter = new PageInterpreter(this.opts);
    this.asbMask = 0;
    this.lastAsb = '';
    this.scanTail = Buffer.alloc(0);
    this.engineFreeAt = 0;
  }

  /** The last rendered jobs, oldest first. */
  lastJobs(n = this.opts.keepJobs ?? 10): RenderedPage[] {
    return this.pages.slice(-n);
  }

  /** Forget every rendered page (they carry what was printed, masked personal data included); returns how many. */
  clearJobs(): number {
    const n = this.pages.length;
    this.pages.length = 0;
    return n;
  }

  /** Finish the page being printed (the CLI renders a capture that may lack a cut). */
  flushPage(): RenderedPage | undefined {
    if (!this.interpreter.hasContent) return undefined;
    const page = this.interpreter.finish(false);
    this.keep(page);
    return page;
  }

  dispose(): void {
    this.clearTimers();
    this.replyListeners.clear();
    this.pageListeners.clear();
  }

  // ---- internals -------------------------------------------------------

  private reply(bytes: number[], delayMs = 0): void {
    const send = () => {
      if (!this.plugged) return;
      const buf = Buffer.from(bytes);
      for (const l of this.replyListeners) l(buf);
    };
    // Replies leave after the command arrived, never synchronously inside the host's write; one due at once
    // (a real-time answer) leaves on the next turn, not after a timer's millisecond.
    if (delayMs <= 0) {
      const i = setImmediate(() => {
        this.immediates.delete(i);
        send();
      });
      this.immediates.add(i);
      return;
    }
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        send();
      },
      Math.max(0, delayMs),
    );
    this.timers.add(t);
  }

  private clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const i of this.immediates) clearImmediate(i);
    this.immediates.clear();
  }

  /**
   * Real-time commands are acted on as bytes arrive, even inside other data (as the manuals warn). The answers
   * to the queries of one arrival leave together, back to back, as a printer's UART sends them.
   */
  private scanRealtime(chunk: Buffer): void {
    const data = this.scanTail.length ? Buffer.concat([this.scanTail, chunk]) : chunk;
    const from = Math.max(0, this.scanTail.length - 2);
    const answers: number[] = [];
    for (let i = from; i + 2 < data.length; i++) {
      if (data[i] !== 0x10 || i + 2 < this.scanTail.length) continue;
      const c = data[i + 1];
      const n = data[i + 2]!;
      if (c === 0x04 && n >= 1 && n <= 4) {
        const r = realtimeReplies({ ...this.condition, nearEndSensor: this.opts.nearEndSensor });
        answers.push(r[n as 1 | 2 | 3 | 4]);
      } else if (c === 0x05 && n <= 2) {
        this.recover(n);
      }
    }
    if (answers.length) this.reply(answers);
    this.scanTail = Buffer.from(data.subarray(Math.max(0, data.length - 2)));
  }

  /** DLE ENQ: 2 clears the receive and print buffers (what a failed job left behind); 1 and 0 just resume. */
  private recover(n: number): void {
    if (n === 2) {
      this.held = Buffer.alloc(0);
      if (this.interpreter.hasContent) this.keep(this.interpreter.finish(true));
    } else if (!this.stopped) {
      this.process();
    }
  }

  private process(): void {
    while (this.held.length && !this.stopped && this.plugged) {
      const step = parseOne(this.held, 0);
      if ('incomplete' in step) return;
      this.held = this.held.subarray(step.end);
      const op = step.op;
      switch (op.op) {
        case 'realtimeStatus':
        case 'realtimeRecover':
          continue; // already answered by scanRealtime
        case 'asb':
          this.asbMask = this.opts.autoStatusBack ? op.n : 0;
          this.lastAsb = '';
          if (this.asbMask) this.sendAsbIfChanged();
          continue;
        case 'transmitStatus':
          if (op.n === 1) this.reply([transmitPaperReply({ ...this.condition, nearEndSensor: this.opts.nearEndSensor })], this.engineDelay());
          else if (op.n === 2) this.reply([0x00], this.engineDelay());
          continue;
        case 'init':
          if (this.interpreter.hasContent) this.keep(this.interpreter.finish(false));
          this.interpreter.apply(op);
          continue;
        case 'cut':
          this.advance(this.interpreter.apply(op));
          this.keep(this.interpreter.finish(false));
          continue;
        default: {
          const before = this.interpreter.printedLines;
          this.advance(this.interpreter.apply(op));
          const printed = this.interpreter.printedLines - before;
          if (printed > 0 && this.linesUntilOut !== undefined) {
            this.linesUntilOut -= printed;
            if (this.linesUntilOut <= 0) {
              this.linesUntilOut = undefined;
              this.setCondition({ paper: 'out' }); // stops the loop; the rest stays held
            }
          }
        }
      }
    }
  }

  private advance(dots: number): void {
    if (dots <= 0) return;
    const speed = this.opts.printSpeedMmPerSec ?? 200;
    const ms = (dots / DOTS_PER_MM / speed) * 1000;
    this.engineFreeAt = Math.max(performance.now(), this.engineFreeAt) + ms;
  }

  private engineDelay(): number {
    return Math.max(0, this.engineFreeAt - performance.now());
  }

  private sendAsbIfChanged(): void {
    if (!this.asbMask || !this.plugged) return;
    const bytes = asbBytes({ ...this.condition, nearEndSensor: this.opts.nearEndSensor });
    const key = bytes.join(',');
    if (key === this.lastAsb) return;
    this.lastAsb = key;
    this.reply(bytes);
  }

  private keep(page: RenderedPage): void {
    this.pages.push(page);
    const max = this.opts.keepJobs ?? 10;
    if (this.pages.length > max) this.pages.splice(0, this.pages.length - max);
    for (const l of this.pageListeners) l(page);
  }
}
