import type { Logger } from 'pino';
import { LifecycleDevice, type LifecycleOptions } from '../lifecycle-device';
import type { ByteTransport } from '../transport/byte-transport';
import { CodeFramer, type DiscardReason, type FramerOptions, type FramerOutput } from './code-framer';

export interface ScannedCode {
  text: string;
  at: Date;
}

export interface ScannerDeviceOptions {
  driver: string;
  /** Serial ("USB virtual COM", RS-232) or HID with keyboard framing: either way the bytes the scanner types. */
  transport: ByteTransport;
  /** How codes are cut from the bytes (a HID keyboard scanner ends codes with Enter: suffix CR). */
  framing: FramerOptions;
  log: Logger;
  /** The same code read again within this time is one scan (continuous-mode scanners re-read a QR held still). */
  repeatWindowMs?: number;
  lifecycle?: LifecycleOptions;
}

/**
 * The QR/barcode scanner: a one-way device that only ever reports codes,
 * cut from the transport's bytes by CodeFramer.
 * Status detail: link, codes read and discarded (with the last reason) since
 * start. Codes go to listeners (the scanner API, kioskctl scanner listen); the
 * device itself logs only lengths, never what was scanned.
 */
export class ScannerDevice extends LifecycleDevice {
  private readonly codeFns = new Set<(c: ScannedCode) => void>();
  private readonly discardFns = new Set<(d: { reason: DiscardReason; bytes: number }) => void>();
  private readonly transport: ByteTransport;
  private readonly framer: CodeFramer;
  private readonly log: Logger;
  private readonly repeatWindowMs: number;
  private last: { text: string; at: number } | undefined;
  private counts = { codes: 0, discarded: 0 };

  constructor(opts: ScannerDeviceOptions) {
    // A scanner comes back quickly after a replug: look again within seconds.
    super('scanner', opts.driver, { link: opts.transport.describe, codes: 0, discarded: 0, lastDiscard: null }, opts.lifecycle ?? { retryDelayMs: (n) => Math.min(10_000, 500 * 2 ** (n - 1)) });
    this.transport = opts.transport;
    this.log = opts.log;
    this.repeatWindowMs = opts.repeatWindowMs ?? 1500;
    this.framer = new CodeFramer(opts.framing);
    this.framer.onOutput((o) => this.onFramed(o));
    this.transport.onData((chunk) => this.framer.push(chunk));
    this.transport.onLost((reason) => {
      this.framer.reset(); // a code cut off by the unplug is reported as partial, never completed by later bytes
      this.log.warn({ device: 'scanner', reason }, 'scanner connection lost');
      this.lost(reason);
    });
  }

  onCode(fn: (c: ScannedCode) => void): () => void {
    this.codeFns.add(fn);
    return () => this.codeFns.delete(fn);
  }

  /** Input that was not a code (partial, over-long, garbage): for kioskctl scanner listen and tests. */
  onDiscard(fn: (d: { reason: DiscardReason; bytes: number }) => void): () => void {
    this.discardFns.add(fn);
    return () => this.discardFns.delete(fn);
  }

  /** Try to open again now (a replug seen by the simulator, or udev). */
  attached(): void {
    this.retryNow();
  }

  /** The last code is kept only for the repeat window; a session end forgets it at once. */
  wipeSession(): string[] {
    const had = !!this.last;
    this.last = undefined;
    return had ? ['scanner.lastCode'] : [];
  }

  protected async open(): Promise<void> {
    // The lifecycle also opens to recover: start from a closed link and an empty framer.
    await this.transport.close().catch(() => {});
    this.framer.reset();
    await this.transport.open();
    this.setDetail({ link: this.transport.describe });
  }

  protected async close(): Promise<void> {
    await this.transport.close();
    this.framer.reset();
  }

  private onFramed(o: FramerOutput): void {
    if (!o.ok) {
      this.counts.discarded++;
      this.log.info({ device: 'scanner', reason: o.reason, bytes: o.bytes }, 'scanner input discarded');
      this.setDetail({ discarded: this.counts.discarded, lastDiscard: o.reason });
      for (const fn of this.discardFns) fn({ reason: o.reason, bytes: o.bytes });
      return;
    }
    const now = Date.now();
    if (this.last && this.last.text === o.text && now - this.last.at < this.repeatWindowMs) {
      this.last.at = now;
      return;
    }
    this.last = { text: o.text, at: now };
    this.counts.codes++;
    this.log.debug({ device: 'scanner', length: o.text.length }, 'code scanned');
    this.setDetail({ codes: this.counts.codes });
    const code = { text: o.text, at: new Date(now) };
    for (const fn of this.codeFns) fn(code);
  }
}
