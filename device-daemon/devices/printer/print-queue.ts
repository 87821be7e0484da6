import { randomBytes } from 'node:crypto';
import type { PrintFailure, PrintJobStateValue, PrintOutcome } from '../../../state-machines/devices/printer-job';
import type { ReceiptDoc } from './layouts/doc';

/** One print job as the daemon remembers it. The doc holds masked data only; it is dropped at session end. */
export interface PrintJob {
  readonly id: string;
  readonly layout: string;
  doc: ReceiptDoc | undefined;
  state: PrintJobStateValue;
  code: PrintFailure | undefined;
  /** A failed job: whether a whole page may have come out (unknown) or surely did not (incomplete). */
  outcome: PrintOutcome | undefined;
  /** This job is the 补打 of that one. */
  readonly reprintOf: string | undefined;
  /** The 补打 made from this job (at most one). */
  reprintedBy: string | undefined;
  readonly createdAt: number;
  bytes: number;
  paperMm: number;
}

export type JobListener = (job: PrintJob) => void;
export type JobRunner = (job: PrintJob, setState: (state: PrintJobStateValue, code?: PrintFailure, outcome?: PrintOutcome) => void) => Promise<void>;

export class ReprintRefused extends Error {
  constructor(
    readonly code: 'jobNotFound' | 'reprintNotAllowed',
    message: string,
  ) {
    super(message);
  }
}

export interface PrintCounters {
  printed: number;
  reprints: number;
  failed: number;
  /** Paper fed by completed jobs, mm (estimated from the job's layout: lines × spacing + images). */
  paperMm: number;
  bytes: number;
  failures: Partial<Record<PrintFailure, number>>;
}

const MAX_REMEMBERED = 50;

/**
 * One job at a time, in order. Keeps each job's record for status and for
 * the single 补打 the resident may ask for after a failure (or to get a
 * second copy): a reprint is always marked, and only once per job.
 */
export class PrintQueue {
  private readonly jobs = new Map<string, PrintJob>();
  private readonly waiting: PrintJob[] = [];
  private readonly finished = new Map<string, Array<(j: PrintJob) => void>>();
  private running = false;
  private current: PrintJob | undefined;
  private readonly listeners = new Set<JobListener>();
  private readonly doneListeners = new Set<JobListener>();
  readonly counters: PrintCounters = { printed: 0, reprints: 0, failed: 0, paperMm: 0, bytes: 0, failures: {} };

  constructor(private readonly run: JobRunner) {}

  /** Every state change of every job (the API turns these into printer.job events). */
  onJob(fn: JobListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** A job reached done or failed (counters, the store's persistence later). */
  onJobDone(fn: JobListener): () => void {
    this.doneListeners.add(fn);
    return () => this.doneListeners.delete(fn);
  }

  submit(doc: ReceiptDoc, opts: { reprintOf?: string } = {}): PrintJob {
    const job: PrintJob = {
      id: `pj-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`,
      layout: doc.layout,
      doc,
      state: 'queued',
      code: undefined,
      outcome: undefined,
      reprintOf: opts.reprintOf,
      reprintedBy: undefined,
      createdAt: Date.now(),
      bytes: 0,
      paperMm: 0,
    };
    this.jobs.set(job.id, job);
    this.forgetOld();
    this.waiting.push(job);
    this.notify(job);
    void this.pump();
    return job;
  }

  /** The 补打 of a finished job: refused while it is still printing, for a reprint, and the second time. */
  reprint(jobId: string): PrintJob {
    const job = this.jobs.get(jobId);
    if (!job?.doc) throw new ReprintRefused('jobNotFound', `no print job ${jobId} in this session`);
    if (job.state !== 'done' && job.state !== 'failed') throw new ReprintRefused('reprintNotAllowed', `job ${jobId} is still ${job.state}`);
    if (job.reprintOf) throw new ReprintRefused('reprintNotAllowed', `job ${jobId} is itself a reprint of ${job.reprintOf}`);
    if (job.reprintedBy) throw new ReprintRefused('reprintNotAllowed', `job ${jobId} was already reprinted as ${job.reprintedBy}`);
    const copy = this.submit(job.doc, { reprintOf: job.id });
    job.reprintedBy = copy.id;
    return copy;
  }

  get(jobId: string): PrintJob | undefined {
    return this.jobs.get(jobId);
  }

  /** Resolves when the job is done or failed. */
  whenFinished(job: PrintJob): Promise<PrintJob> {
    if (job.state === 'done' || job.state === 'failed') return Promise.resolve(job);
    return new Promise((resolve) => {
      const list = this.finished.get(job.id) ?? [];
      list.push(resolve);
      this.finished.set(job.id, list);
    });
  }

  get pending(): number {
    return this.waiting.length + (this.current ? 1 : 0);
  }

  /** Session end: finished jobs and their docs are forgotten (no reprint across residents). */
  wipe(): string[] {
    let n = 0;
    for (const [id, job] of this.jobs) {
      if (job.state === 'done' || job.state === 'failed') {
        this.jobs.delete(id);
        n++;
      }
    }
    return n ? [`printer.jobs(${n})`] : [];
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let job = this.waiting.shift(); job; job = this.waiting.shift()) {
        const current = job;
        this.current = current;
        try {
          await this.run(current, (state, code, outcome) => {
            current.state = state;
            current.code = code;
            current.outcome = outcome;
            this.notify(current);
          });
        } catch {
          if (current.state !== 'done' && current.state !== 'failed') {
            current.state = 'failed';
            current.code = 'hardwareError';
            current.outcome = 'unknown'; // the runner broke: nothing says how far the job got
            this.notify(current);
          }
        }
        this.current = undefined;
        this.finish(current);
      }
    } finally {
      this.running = false;
    }
  }

  private finish(job: PrintJob): void {
    const c = this.counters;
    if (job.state === 'done') {
      c.printed++;
      if (job.reprintOf) c.reprints++;
      c.paperMm = Math.round((c.paperMm + job.paperMm) * 10) / 10;
      c.bytes += job.bytes;
    } else {
      c.failed++;
      if (job.code) c.failures[job.code] = (c.failures[job.code] ?? 0) + 1;
    }
    for (const fn of this.doneListeners) fn(job);
    for (const resolve of this.finished.get(job.id) ?? []) resolve(job);
    this.finished.delete(job.id);
  }

  private notify(job: PrintJob): void {
    for (const fn of this.listeners) fn(job);
  }

  private forgetOld(): void {
    if (this.jobs.size <= MAX_REMEMBERED) return;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= MAX_REMEMBERED) break;
      if (job.state === 'done' || job.state === 'failed') this.jobs.delete(id);
    }
  }
}
