import { setImmediate as nextTurn } from 'node:timers/promises';
import { createActor, fromCallback, fromPromise, type EventObject } from 'xstate';
import type { Logger } from 'pino';
import { jobStateOf, printJobMachine, type ChunkInput, type PrintFailure, type PrintJobEvent, type PrintOutcome } from '../../../state-machines/devices/printer-job';
import { LifecycleDevice } from '../lifecycle-device';
import type { PrinterProfile } from '../../config/schema';
import type { ByteTransport } from '../transport/byte-transport';
import * as cmd from './escpos-commands';
import {
  ReplyReader,
  conditionDetail,
  conditionFromAsb,
  conditionFromRealtime,
  decodeErrorCause,
  decodeOfflineCause,
  decodeTransmitPaper,
  faultOf,
  READY,
  type ConditionFault,
  type PrinterCondition,
} from './status-bytes';
import { PrintQueue, type PrintJob } from './print-queue';
import { renderDoc } from './layouts/render';
import { DOTS_PER_MM, type BuiltJob } from './receipt-writer';
import { replyDeadline } from '../transport/reply-deadline';

export interface PrinterTiming {
  /** Wait for one DLE EOT reply. */
  statusTimeoutMs: number;
  /** Status poll while idle (and keep-alive: two missed polls mean the printer is gone). */
  idlePollMs: number;
  /** Status check while a job's last bytes print (when the printer has no ASB). */
  busyPollMs: number;
  /** Job bytes are sent in chunks of about this size, split only between commands. */
  chunkBytes: number;
  /** Completion timeout = base + paper length at the slowest plausible speed. */
  completionBaseMs: number;
  slowestPaperMmPerSec: number;
}

const DEFAULT_TIMING: PrinterTiming = {
  statusTimeoutMs: 1000,
  idlePollMs: 5000,
  busyPollMs: 300,
  chunkBytes: 1024,
  completionBaseMs: 10_000,
  slowestPaperMmPerSec: 40,
};

export interface PrinterDeviceOptions {
  driver: string;
  profile: PrinterProfile;
  /** Serial, USB printer class or TCP; its bytesPerSecond sizes the send deadline. */
  transport: ByteTransport;
  log: Logger;
  timing?: Partial<PrinterTiming>;
}

const FAULT_TEXT: Record<ConditionFault, string> = {
  coverOpen: 'printer cover open',
  paperOut: 'printer out of paper',
  cutterError: 'autocutter error',
  hardwareError: 'printer mechanism error',
  offline: 'printer offline',
};

class StatusTimeout extends Error {}

/** How a job step tells the job machine it failed: the code the job ends with. */
class JobStepFailed extends Error {
  constructor(readonly code: PrintFailure) {
    super(`print job step failed: ${code}`);
  }
}

/** What the driver holds while one job runs (owned by the run). */
interface ActiveJob {
  /** Tells the job machine what the printer reported (a fault pushed by ASB, the link gone). */
  send: (e: PrintJobEvent) => void;
  chunks: Buffer[];
  /** Set before the last chunk is written: the GS r 1 reply may arrive before write() resolves. */
  expectCompletion: boolean;
  /** Resolves when the GS r 1 reply at the end of the job arrived. */
  completed: Promise<void>;
  complete: () => void;
  /** The status read for this job's check, asked before the job is rendered (undefined: the link is down). */
  status: Promise<PrinterCondition> | undefined;
}

/**
 * The ESC/POS receipt printer: transport + live status + job queue.
 * Status: DLE EOT 1..4 on open, before each job and every few seconds while
 * idle; ASB (GS a) pushes changes where the profile says the printer has it.
 * Jobs run one at a time through the pure job machine; a job is done only
 * when the printer answers the GS r 1 at its end.
 */
export class EscposPrinterDevice extends LifecycleDevice {
  readonly queue: PrintQueue;
  readonly profile: PrinterProfile;
  private readonly timing: PrinterTiming;
  private readonly transport: ByteTransport;
  private readonly log: Logger;
  private readonly reader = new ReplyReader();
  private waiters: Array<{ resolve: (b: number) => void; reject: (e: Error) => void }> = [];
  private io: Promise<unknown> = Promise.resolve();
  private condition: PrinterCondition | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private missedPolls = 0;
  private active: ActiveJob | undefined;

  constructor(opts: PrinterDeviceOptions) {
    const self: { dev?: EscposPrinterDevice } = {};
    super(
      'printer',
      opts.driver,
      {
        ...conditionDetail(undefined),
        transport: opts.transport.describe,
        paperWidthDots: opts.profile.paperWidthDots,
        encoding: opts.profile.encoding,
        nativeQr: opts.profile.nativeQr,
        queued: 0,
      },
      // A kiosk printer comes back quickly after a replug: retry within seconds, not half a minute. While the
      // link is up and the printer reports a fault (paper out, cover open), the status poll sees it clear,
      // so re-opening is only a slow fallback.
      { retryDelayMs: (n) => (self.dev?.knownFault ? 30_000 : Math.min(5000, 500 * 2 ** (n - 1))) },
    );
    self.dev = this;
    this.profile = opts.profile;
    this.transport = opts.transport;
    this.log = opts.log;
    this.timing = { ...DEFAULT_TIMING, ...opts.timing };
    this.queue = new PrintQueue((job, setState) => this.runJob(job, setState));
    this.queue.onJob(() => this.setDetail({ queued: this.queue.pending }));
    this.queue.onJobDone(() => this.setDetail({ queued: this.queue.pending }));
    this.transport.onData((chunk) => this.onBytes(chunk));
    this.transport.onLost((reason) => this.onLost(reason));
  }

  /** Printer condition as last read (undefined before the first answer). */
  get printerCondition(): PrinterCondition | undefined {
    return this.condition;
  }

  private get knownFault(): boolean {
    return this.transport.isOpen && !!this.condition && !!faultOf(this.condition);
  }

  get transportName(): string {
    return this.transport.describe;
  }

  /** Render a doc for this printer's profile (used for jobs, and for previews). */
  build(job: PrintJob): BuiltJob {
    if (!job.doc) throw new Error(`job ${job.id} has no document`);
    return renderDoc(job.doc, this.profile, job.reprintOf ? { reprint: { at: new Date(), of: job.reprintOf } } : {});
  }

  /** Read the status now (simulator controls, technician CLI); no-op while a job runs or the printer is away. */
  async refreshStatus(): Promise<void> {
    if (!this.transport.isOpen || this.active) return;
    try {
      this.applyCondition(await this.readCondition());
    } catch {
      /* the idle poll decides whether the printer is gone */
    }
  }

  /** Try to connect now instead of waiting for the backoff (replug, udev add). */
  reconnectNow(): void {
    this.retryNow();
  }

  // ---- lifecycle -------------------------------------------------------

  protected async open(): Promise<void> {
    await this.transport.open();
    this.reader.reset();
    // ESC @ + FS & now, and at the start of every job: Chinese mode is not the power-on default everywhere.
    const init: Buffer[] = [cmd.INIT, cmd.CHINESE_ON];
    if (this.profile.autoStatusBack) init.push(cmd.autoStatusBack(cmd.ASB_ALL));
    await this.exclusive(() => this.transport.write(Buffer.concat(init)));
    let c: PrinterCondition;
    try {
      c = await this.readCondition();
    } catch (err) {
      if (err instanceof StatusTimeout) throw new Error(`${this.transport.describe} does not answer status queries (DLE EOT)`);
      throw err;
    }
    this.missedPolls = 0;
    this.condition = c;
    this.setDetail(conditionDetail(c));
    this.startPolling();
    const fault = faultOf(c);
    if (fault) throw new Error(FAULT_TEXT[fault]);
  }

  protected async close(): Promise<void> {
    this.stopPolling();
    this.failWaiters(new Error('printer closed'));
    await this.transport.close();
  }

  override async stop(): Promise<void> {
    this.stopPolling();
    this.active?.send({ type: 'OFFLINE', code: 'offline' });
    await super.stop();
  }

  // ---- replies ---------------------------------------------------------

  private onBytes(chunk: Buffer): void {
    for (const ev of this.reader.push(chunk)) {
      switch (ev.kind) {
        case 'realtime': {
          const w = this.waiters.shift();
          w?.resolve(ev.byte); // a reply nobody waits for is a late answer to a timed-out query: dropped
          break;
        }
        case 'asb':
          this.applyCondition(conditionFromAsb(ev.bytes));
          break;
        case 'transmit': {
          const paper = decodeTransmitPaper(ev.byte);
          if (this.condition && !paper.paperEnd) this.setDetail({ paper: paper.nearEnd && this.profile.nearEndSensor ? 'low' : 'full' });
          if (this.active?.expectCompletion) this.active.complete();
          break;
        }
        default:
          break; // XON/XOFF are handled by the OS; block data (GS I) is not requested
      }
    }
  }

  private onLost(reason: string): void {
    this.log.warn({ device: 'printer', reason }, 'printer connection lost');
    this.stopPolling();
    this.failWaiters(new Error(reason));
    this.active?.send({ type: 'OFFLINE', code: 'offline' });
    this.lost(reason);
  }

  private failWaiters(err: Error): void {
    const w = this.waiters;
    this.waiters = [];
    for (const x of w) x.reject(err);
  }

  /** One transport user at a time: status queries never land inside a job chunk. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.io.then(fn, fn);
    this.io = run.catch(() => {});
    return run;
  }

  /** DLE EOT n → its one-byte reply. Real-time: answered even when the printer is offline or busy. */
  private queryRealtime(n: cmd.RealtimeStatusKind): Promise<number> {
    const [reply] = this.queryRealtimeBatch([n]);
    return reply!;
  }

  /**
   * Several DLE EOT queries in one write (at most 4 outstanding, as the
   * manuals allow); replies come back in order. One round trip instead of four.
   */
  private queryRealtimeBatch(ns: cmd.RealtimeStatusKind[]): Array<Promise<number>> {
    const replies = ns.map((n) => this.awaitRealtime(n));
    this.transport.write(Buffer.concat(ns.map((n) => cmd.realtimeStatus(n)))).catch((e: Error) => this.failWaiters(e));
    return replies;
  }

  private awaitRealtime(n: cmd.RealtimeStatusKind): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const timer = replyDeadline(this.timing.statusTimeoutMs, () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new StatusTimeout(`no reply to DLE EOT ${n} in ${this.timing.statusTimeoutMs} ms`));
      });
      const waiter = {
        resolve: (b: number) => {
          timer.cancel();
          resolve(b);
        },
        reject: (e: Error) => {
          timer.cancel();
          reject(e);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private readCondition(): Promise<PrinterCondition> {
    return this.exclusive(async () => {
      const replies = this.queryRealtimeBatch([1, 2, 3, 4]);
      const settled = await Promise.allSettled(replies);
      const failed = settled.find((x) => x.status === 'rejected');
      if (failed) throw failed.reason;
      const [s1, s2, s3, s4] = settled.map((x) => (x as PromiseFulfilledResult<number>).value);
      return conditionFromRealtime({ 1: s1!, 2: s2!, 3: s3!, 4: s4! });
    });
  }

  private applyCondition(c: PrinterCondition): void {
    const prev = this.condition;
    this.condition = c;
    this.setDetail({ ...conditionDetail(c), ...(c.paper === 'low' && !this.profile.nearEndSensor ? { paper: 'full' } : {}) });
    const fault = faultOf(c);
    if (fault && this.active) this.active.send(fault === 'offline' ? { type: 'OFFLINE', code: 'offline' } : { type: 'FAULT', code: fault });
    if (fault && (this.state === 'online' || this.state === 'busy')) this.fault(FAULT_TEXT[fault]);
    else if (!fault && this.state === 'hardwareError') this.recovered();
    if (prev && faultOf(prev) !== fault) this.log.info({ device: 'printer', fault: fault ?? 'none', paper: c.paper }, 'printer condition changed');
  }

  private startPolling(): void {
    this.stopPolling();
    this.pollTimer = setInterval(() => void this.poll(), this.timing.idlePollMs);
    this.pollTimer.unref?.();
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  private async poll(): Promise<void> {
    if (this.active || !this.transport.isOpen) return;
    try {
      const c = await this.readCondition();
      this.missedPolls = 0;
      this.applyCondition(c);
    } catch (err) {
      if (!(err instanceof StatusTimeout)) return;
      if (++this.missedPolls >= 2) {
        // The link is up but nobody answers: treat as gone and reconnect (a printer that was power-cycled needs ESC @ / FS & / GS a again).
        this.missedPolls = 0;
        await this.transport.close().catch(() => {});
        this.onLost('printer stopped answering status queries');
      }
    }
  }

  // ---- jobs ------------------------------------------------------------

  private async runJob(job: PrintJob, setState: (s: PrintJob['state'], code?: PrintFailure, outcome?: PrintOutcome) => void): Promise<void> {
    // The check's status queries go out first and the job is rendered while their answers travel, so the
    // check costs no time of its own; the check step (checking) then takes this answer. The write reaches
    // the port in this turn's microtasks: rendering in the same turn would hold the query back until the
    // job was rendered and its machine started (measured: the check then came after them, 1–20 ms).
    const status = this.transport.isOpen ? this.readCondition() : undefined;
    status?.catch(() => {}); // a failed read is the check's to report
    await nextTurn();
    let built: BuiltJob;
    try {
      built = this.build(job);
    } catch (err) {
      this.log.error({ device: 'printer', jobId: job.id, err: (err as Error).message }, 'could not render the job');
      setState('failed', 'hardwareError', 'incomplete'); // nothing was sent
      return;
    }
    job.bytes = built.bytes.length;
    job.paperMm = Math.round((built.paperDots / DOTS_PER_MM) * 10) / 10;
    let complete = () => {};
    const completed = new Promise<void>((resolve) => (complete = resolve));
    const active: ActiveJob = { send: () => {}, chunks: splitAtSafePoints(built, this.timing.chunkBytes), expectCompletion: false, completed, complete, status };
    return new Promise<void>((resolve) => {
      const actor = createActor(printJobMachine.provide({ actors: this.jobSteps(active), delays: this.jobDelays(job, built) }), {
        input: { jobId: job.id, chunks: active.chunks.length },
      });
      active.send = (e) => actor.send(e);
      let last: string = job.state; // 'queued' was announced by the queue
      actor.subscribe((snap) => {
        const state = jobStateOf(snap.value);
        if (state !== last) {
          last = state;
          setState(state, snap.context.code, snap.context.outcome);
          if (state === 'sending' && this.state === 'online') this.busy();
          if ((state === 'done' || state === 'failed') && this.state === 'busy') this.idle();
        }
        // Finished once a failed job's leftover is cleared: the next job must not start while it still prints.
        if (snap.status === 'done') {
          this.active = undefined;
          // A job that printed is routine (one or two a session); a failed one is what a technician looks for.
          const { code, outcome } = snap.context;
          this.log[state === 'done' ? 'debug' : 'warn'](
            { device: 'printer', jobId: job.id, layout: job.layout, state, code, outcome, bytes: job.bytes, reprintOf: job.reprintOf },
            'print job finished',
          );
          resolve();
        }
      });
      this.active = active;
      actor.start();
      actor.send({ type: 'START' });
    });
  }

  /** The steps of one job, as the job machine invokes them. */
  private jobSteps(a: ActiveJob) {
    return {
      checkStatus: fromPromise<void, void>(() => this.checkBeforeJob(a.status)),
      writeChunk: fromPromise<void, ChunkInput>(({ input }) => this.writeChunk(a, input)),
      awaitCompletion: fromPromise<void, void>(() => a.completed),
      watchStatus: fromCallback<EventObject, void>(({ sendBack }) => this.watchWhilePrinting(sendBack)),
      abortJob: fromPromise<void, void>(() => this.abortJob()),
    };
  }

  private jobDelays(job: PrintJob, built: BuiltJob) {
    const t = this.timing;
    const wireMs = (built.bytes.length * 1000) / this.transport.bytesPerSecond;
    return {
      checkTimeout: t.statusTimeoutMs * 4 + 1000,
      sendTimeout: wireMs * 3 + 5000,
      completionTimeout: t.completionBaseMs + (job.paperMm / t.slowestPaperMmPerSec) * 1000,
    };
  }

  private async checkBeforeJob(asked: Promise<PrinterCondition> | undefined): Promise<void> {
    if (!asked || !this.transport.isOpen) throw new JobStepFailed(this.state === 'noDevice' ? 'noDevice' : 'offline');
    let c: PrinterCondition;
    try {
      c = await asked;
    } catch {
      throw new JobStepFailed('offline');
    }
    this.applyCondition(c); // also tells the job (FAULT / OFFLINE) when the printer cannot print
    const fault = faultOf(c);
    if (fault) throw new JobStepFailed(fault);
  }

  private async writeChunk(a: ActiveJob, { index, last, probe }: ChunkInput): Promise<void> {
    if (last) a.expectCompletion = true;
    const chunk = a.chunks[index] ?? Buffer.alloc(0);
    if (!probe) return this.writeJobBytes(chunk);
    if (this.profile.autoStatusBack) {
      // ASB pushes every change: what the printer last said is current.
      const fault = this.condition && faultOf(this.condition);
      if (fault) throw new JobStepFailed(fault);
      return this.writeJobBytes(chunk);
    }
    // DLE EOT 2 leads the chunk and is answered on receipt, while the chunk is still on the wire. Nothing else
    // queries the printer while a job sends (the idle poll waits), so this reply is the next one to arrive.
    const answer = this.awaitRealtime(2);
    const written = this.writeJobBytes(Buffer.concat([cmd.realtimeStatus(2), chunk]));
    written.catch(() => {}); // awaited below, unless the probe fails the step first
    let code: ConditionFault | undefined;
    try {
      code = await this.offlineCause(answer);
    } catch {
      throw new JobStepFailed('offline');
    }
    if (code) {
      this.noteFault(code);
      void this.refreshAfterFault();
      throw new JobStepFailed(code);
    }
    await written;
  }

  private async writeJobBytes(bytes: Buffer): Promise<void> {
    try {
      await this.exclusive(() => this.transport.write(bytes));
    } catch {
      throw new JobStepFailed('offline');
    }
  }

  /** Has the printer stopped while the last bytes print (paper out, cover open, cutter)? ASB tells us unasked; otherwise ask. */
  private async printingStopped(): Promise<ConditionFault | undefined> {
    if (this.profile.autoStatusBack) return this.condition && faultOf(this.condition);
    let code: ConditionFault | undefined;
    try {
      code = await this.exclusive(() => this.offlineCause());
    } catch {
      return 'offline';
    }
    if (code) {
      this.noteFault(code);
      void this.refreshAfterFault();
    }
    return code;
  }

  /** DLE EOT 2 (and 3 when it says "error"): the reason printing stopped, if it did. `reply`: a DLE EOT 2 already sent. */
  private async offlineCause(reply = this.queryRealtime(2)): Promise<Exclude<PrintFailure, 'timeout' | 'noDevice' | 'offline'> | undefined> {
    const o = decodeOfflineCause(await reply);
    if (o.coverOpen) return 'coverOpen';
    if (o.paperEndStop) return 'paperOut';
    if (o.error) return decodeErrorCause(await this.queryRealtime(3)).cutter ? 'cutterError' : 'hardwareError';
    return undefined;
  }

  /**
   * While the last bytes print, a stream: without ASB, ask every busyPollMs (never two at once) whether the
   * printer stopped, since a paper end now means GS r will never be answered. With ASB the printer tells us.
   */
  private watchWhilePrinting(sendBack: (e: PrintJobEvent) => void): () => void {
    if (this.profile.autoStatusBack) return () => {};
    let timer: NodeJS.Timeout | undefined;
    let watching = true;
    const next = () => {
      timer = setTimeout(async () => {
        if (!this.transport.isOpen) return;
        const code = await this.printingStopped();
        if (!watching) return;
        if (code) sendBack(code === 'offline' ? { type: 'OFFLINE', code } : { type: 'FAULT', code });
        else next();
      }, this.timing.busyPollMs);
    };
    next();
    return () => {
      watching = false;
      clearTimeout(timer);
    };
  }

  /** Show what DLE EOT 2 just said at once; the full read that follows fills in the rest. */
  private noteFault(code: Exclude<PrintFailure, 'timeout' | 'noDevice'>): void {
    const c: PrinterCondition = { ...(this.condition ?? READY) };
    if (code === 'paperOut') c.paper = 'out';
    else if (code === 'coverOpen') c.coverOpen = true;
    else if (code === 'cutterError') c.cutterError = true;
    else if (code === 'hardwareError') c.otherError = true;
    else c.offline = true;
    this.applyCondition(c);
  }

  private async refreshAfterFault(): Promise<void> {
    try {
      this.applyCondition(await this.readCondition());
    } catch {
      /* the poll will retry */
    }
  }

  /**
   * The job failed part-way: clear what the printer holds (DLE ENQ 2,
   * real-time), so the rest of it does not come out later when paper is
   * loaded. The resident gets a marked 补打 instead. (The job machine stopped
   * writing when it left the sending state.)
   */
  private async abortJob(): Promise<void> {
    if (!this.transport.isOpen) return;
    await this.exclusive(() => this.transport.write(cmd.realtimeRecover(2))).catch(() => {});
  }
}

/** Chunks of about `size` bytes, cut only at command boundaries. */
function splitAtSafePoints(built: BuiltJob, size: number): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  let lastSafe = 0;
  for (const p of [...built.safePoints, built.bytes.length]) {
    if (p - start > size && lastSafe > start) {
      out.push(built.bytes.subarray(start, lastSafe));
      start = lastSafe;
    }
    lastSafe = p;
  }
  if (start < built.bytes.length) out.push(built.bytes.subarray(start));
  return out;
}
