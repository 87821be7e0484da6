import type { Logger } from 'pino';
import { DeviceCommandError } from '../../device';
import { NoDeviceError, type LifecycleOptions } from '../../lifecycle-device';
import type { ByteTransport } from '../../transport/byte-transport';
import { EvalDeviceBase } from '../eval-device-base';
import { levelAt, type EvalTarget } from '../eval-display-device';
import { encodeInstruction, RETURN_CODES, setText, SUCCESS, type NextionEncoding } from './instructions';
import { NextionFramer, type NextionFrame } from './nextion-framer';
import { replyDeadline } from '../../transport/reply-deadline';

export interface NextionLayout {
  /** Page that invites a rating (holds the QR, the caption and the five level buttons). */
  evalPage: string;
  /** Page shown between invitations. */
  idlePage: string;
  qrComponent: string;
  captionComponent: string;
  /** Component ids of the five level buttons on evalPage: 非常满意, 满意, 基本满意, 不满意, 非常不满意. */
  ratingComponents: readonly number[];
  encoding: NextionEncoding;
}

export interface NextionDisplayOptions extends NextionLayout {
  driver: string;
  transport: ByteTransport;
  log: Logger;
  /** Gap between health checks (`sendme`, which changes nothing on the display). */
  healthIntervalMs?: number;
  /** Time a reply may take beyond the instruction's and the reply's wire time. */
  replyMarginMs?: number;
  lifecycle?: LifecycleOptions;
}

/** What an instruction waits for: a return code (bkcmd=3), the page number (`sendme`), or the identity (`connect`). */
type Expect = 'result' | 'page' | 'comok';

interface Pending {
  instruction: string;
  expect: Expect;
  resolve(f: NextionFrame): void;
  reject(e: Error): void;
}

/** A failure the display answered: its return code and the instruction it refused. */
export class NextionError extends DeviceCommandError {
  constructor(
    readonly returnCode: number,
    readonly instruction: string,
  ) {
    super('hardwareError', `the evaluation display refused "${instruction.slice(0, 60)}": 0x${returnCode.toString(16).padStart(2, '0')} ${RETURN_CODES[returnCode] ?? 'unknown return code'}`);
    this.name = 'NextionError';
  }
}

/**
 * A Nextion serial touch display as the evaluation device. On open it sends
 * `connect` and takes the `comok` answer as proof the display is there,
 * then `bkcmd=3` (every instruction answers, success included, so a failure
 * is pinned to its instruction) and shows the idle page. show() switches to
 * the evaluation page, learns its number with `sendme` (touch events carry
 * page numbers, config names pages), and fills the QR and caption; a press
 * of one of ratingComponents on that page is a rating. Instructions go one
 * at a time, each awaiting its answer. A periodic `sendme` checks health:
 * no answer means the display is gone and the lifecycle reopens it.
 */
export class NextionDisplay extends EvalDeviceBase {
  readonly shows = 'qr' as const;
  readonly rates = true;
  private readonly transport: ByteTransport;
  private readonly framer = new NextionFramer();
  private readonly log: Logger;
  private readonly layout: NextionLayout;
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private evalPageId: number | undefined;
  private health: NodeJS.Timeout | undefined;
  private readonly healthIntervalMs: number;
  private readonly replyMarginMs: number;
  private identity = '';
  private garbageBytes = 0;

  constructor(opts: NextionDisplayOptions) {
    super(opts.driver, opts.transport.describe, opts.lifecycle);
    this.transport = opts.transport;
    this.log = opts.log;
    this.layout = opts;
    this.healthIntervalMs = opts.healthIntervalMs ?? 10_000;
    this.replyMarginMs = opts.replyMarginMs ?? 300;
    this.framer.onFrame((f) => this.onFrame(f));
    this.transport.onData((c) => this.framer.push(c));
    this.transport.onLost((reason) => {
      this.stopHealth();
      this.framer.reset();
      this.failPending(new DeviceCommandError('transportLost', `evaluation display lost (${reason})`));
      this.log.warn({ device: 'evalDisplay', reason }, 'evaluation display connection lost');
      this.lost(reason);
    });
  }

  async show(target: EvalTarget): Promise<void> {
    this.requireOnline();
    const l = this.layout;
    await this.exec(`page ${l.evalPage}`);
    // The level buttons are on the page from now on: a press that arrives with the last answer counts.
    this.shown(target);
    try {
      const page = await this.exec('sendme', 'page');
      this.evalPageId = page.kind === 'page' ? page.page : undefined;
      await this.exec(setText(l.qrComponent, target.url));
      await this.exec(setText(l.captionComponent, target.caption));
    } catch (err) {
      this.shown(undefined);
      throw err;
    }
  }

  async clear(): Promise<void> {
    this.shown(undefined);
    this.requireOnline();
    await this.exec(`page ${this.layout.idlePage}`);
  }

  protected async open(): Promise<void> {
    this.stopHealth();
    await this.transport.close().catch(() => {});
    this.framer.reset();
    await this.transport.open();
    try {
      const hello = await this.exec('connect', 'comok');
      this.identity = hello.kind === 'comok' ? hello.text : '';
    } catch (err) {
      await this.transport.close().catch(() => {});
      throw new NoDeviceError(`no Nextion display answered connect on ${this.transport.describe} (${(err as Error).message})`);
    }
    await this.exec('bkcmd=3');
    await this.exec(`page ${this.layout.idlePage}`);
    this.shown(undefined);
    this.patchDetail({ link: this.transport.describe, model: modelOf(this.identity) });
    this.startHealth();
  }

  protected async close(): Promise<void> {
    this.stopHealth();
    this.failPending(new DeviceCommandError('offline', 'the evaluation display was closed'));
    await this.transport.close();
    this.framer.reset();
  }

  /** Send one instruction after those queued before it; resolves with its answer, rejects with NextionError or a timeout. */
  private exec(instruction: string, expect: Expect = 'result'): Promise<NextionFrame> {
    const run = this.queue.then(() => this.sendAndAwait(instruction, expect));
    this.queue = run.catch(() => {});
    return run;
  }

  private async sendAndAwait(instruction: string, expect: Expect): Promise<NextionFrame> {
    const bytes = encodeInstruction(instruction, this.layout.encoding);
    // The instruction's wire time, a reply of up to 64 bytes, and the display's own processing.
    const ms = ((bytes.length + 64) * 1000) / this.transport.bytesPerSecond + this.replyMarginMs;
    const answer = new Promise<NextionFrame>((resolve, reject) => {
      const timer = replyDeadline(ms, () => {
        if (this.pending?.instruction !== instruction) return;
        this.pending = undefined;
        reject(new DeviceCommandError('timeout', `the evaluation display did not answer "${instruction.slice(0, 60)}" within ${Math.round(ms)} ms`));
      });
      this.pending = {
        instruction,
        expect,
        resolve: (f) => {
          timer.cancel();
          resolve(f);
        },
        reject: (e) => {
          timer.cancel();
          reject(e);
        },
      };
    });
    // The stop (or a lost link) may reject the answer while its bytes are still being written, before
    // anyone awaits it: mark it handled now, so that rejection is not an unhandled one that ends the process.
    answer.catch(() => {});
    try {
      await this.transport.write(bytes);
    } catch (err) {
      this.failPending(new DeviceCommandError('transportLost', `writing to the evaluation display failed (${(err as Error).message})`));
    }
    return answer;
  }

  private onFrame(f: NextionFrame): void {
    const p = this.pending;
    if (f.kind === 'touch') return this.onTouch(f);
    if (f.kind === 'garbage') {
      this.garbageBytes += f.bytes;
      this.log.info({ device: 'evalDisplay', bytes: f.bytes }, 'evaluation display sent bytes that are no frame');
      this.patchDetail({ garbageBytes: this.garbageBytes });
      return;
    }
    if (p && f.kind === 'result' && f.code !== SUCCESS) {
      this.pending = undefined;
      this.log.warn({ device: 'evalDisplay', code: f.code, instruction: p.instruction.split(/[ =]/)[0] }, 'evaluation display refused an instruction');
      return p.reject(new NextionError(f.code, p.instruction));
    }
    if (p && ((p.expect === 'result' && f.kind === 'result') || p.expect === f.kind)) {
      this.pending = undefined;
      return p.resolve(f);
    }
    if (f.kind === 'startup' || f.kind === 'ready') {
      // The display restarted on its own (power dip): it forgot bkcmd and the page; open it again.
      if (this.state === 'online') this.lost('the evaluation display restarted');
    }
  }

  private onTouch(f: Extract<NextionFrame, { kind: 'touch' }>): void {
    if (f.event !== 1) return; // releases: the press already counted
    const onEvalPage = this.evalPageId === undefined || f.page === this.evalPageId;
    this.pressed(onEvalPage ? levelAt(this.layout.ratingComponents.indexOf(f.component)) : undefined);
  }

  private failPending(err: Error): void {
    const p = this.pending;
    this.pending = undefined;
    p?.reject(err);
  }

  private requireOnline(): void {
    if (this.state !== 'online') throw new DeviceCommandError('offline', `the evaluation display is ${this.state}`);
  }

  private startHealth(): void {
    this.health = setInterval(() => {
      if (this.pending || this.state !== 'online') return;
      this.exec('sendme', 'page').catch((err: Error) => {
        if (err instanceof NextionError) return; // it answered: it is there
        this.lost(`health check failed (${err.message})`);
      });
    }, this.healthIntervalMs);
    this.health.unref?.();
  }

  private stopHealth(): void {
    clearInterval(this.health);
    this.health = undefined;
  }
}

/** The model field of a comok answer (`comok 1,30601-0,NX4832T035_011R,…`), for the status. */
function modelOf(comok: string): string {
  return comok.replace(/^comok\s*/, '').split(',')[2] ?? 'unknown';
}
