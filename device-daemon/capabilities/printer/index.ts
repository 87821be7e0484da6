import type { ErrorCode } from '../../../contract/api';
import type { PrintRequest } from '../../../contract/api/printer';
import { ApiFailure } from '../../api/router';
import type { Capability, CapabilityContext, Devices } from '../../capability';
import { buildDoc, type LayoutEnv } from '../../devices/printer/layouts';
import { ReprintRefused, type PrintJob } from '../../devices/printer/print-queue';

/**
 * printer.print / reprint / testPage / lastJobs, printer.job events, the
 * health section and counters. A print completes when the printer has
 * confirmed the job (GS r), or fails with the job's code and its jobId in
 * the error detail, so the UI can offer the one 补打. Without a printer this
 * build can drive, the commands are not registered (notSupported).
 */
export function createPrinterCapability(ctx: CapabilityContext): Capability {
  const dev = ctx.services.devices.printer;
  const offs: Array<() => void> = [];
  return {
    name: 'printer',
    start: () => void (dev && offs.push(...registerPrinter(ctx, dev))),
    stop: () => {
      for (const off of offs.splice(0)) off();
    },
  };
}

/** Registers the commands, health and wiper; returns the unsubscribers of the queue listeners. */
function registerPrinter(ctx: CapabilityContext, dev: NonNullable<Devices['printer']>): Array<() => void> {
  const { config, router, bus } = ctx;
  const env = (): LayoutEnv => {
    const s = dev.status();
    return {
      ctx: { siteName: config.site.name, terminalId: config.terminalId, now: new Date(ctx.services.clock.now()) },
      links: config.links,
      phones: { consultation: config.site.phones.consultation, supervision: config.site.phones.supervision },
      printer: { status: s.reason ? `${s.state}（${s.reason}）` : s.state, transport: `${s.driver} ${dev.transportName}`, profile: dev.profile },
    };
  };

  const finish = async (job: PrintJob) => {
    const done = await dev.queue.whenFinished(job);
    if (done.state !== 'done') {
      const code = (done.code ?? 'hardwareError') as ErrorCode;
      // outcome: whether a whole page may have come out (unknown) or surely did not (incomplete), as the driver saw it.
      throw new ApiFailure(code, `print job ${done.id} failed: ${done.code ?? 'unknown'}`, { jobId: done.id, outcome: done.outcome ?? 'unknown' });
    }
    return result(done);
  };

  const print = (req: PrintRequest) => {
    // A further copy of an earlier job of this session: printed marked 【补打】.
    if (req.reprintOf && !dev.queue.get(req.reprintOf)) throw new ApiFailure('jobNotFound', `no print job ${req.reprintOf} in this session to mark this copy as its 补打`);
    return finish(dev.queue.submit(buildDoc(req, env()), req.reprintOf ? { reprintOf: req.reprintOf } : {}));
  };

  router.register('printer.print', (args) => print(args as PrintRequest));
  router.register('printer.testPage', () => print({ layout: 'testPage', data: {} }));
  router.register('printer.reprint', ({ jobId }) => {
    let job: PrintJob;
    try {
      job = dev.queue.reprint(jobId);
    } catch (err) {
      if (err instanceof ReprintRefused) throw new ApiFailure(err.code, err.message);
      throw err;
    }
    return finish(job);
  });
  router.register('printer.lastJobs', ({ limit, svg }) => {
    if (!dev.renderedJobs) throw new ApiFailure('notSupported', 'rendered jobs exist only for the simulated printer');
    return { jobs: dev.renderedJobs.last(limit ?? 5, svg ?? false) };
  });

  ctx.addSessionWiper(() => dev.queue.wipe());
  ctx.addHealth('printer', () => ({
    transport: dev.transportName,
    profile: dev.profile,
    condition: dev.printerCondition ?? null,
    queued: dev.queue.pending,
    counters: dev.queue.counters,
  }));
  const announce = dev.queue.onJob((job) =>
    ctx.emit('printer.job', { jobId: job.id, state: job.state, ...(job.code ? { code: job.code } : {}), ...(job.reprintOf ? { reprintOf: job.reprintOf } : {}) }),
  );
  const count = dev.queue.onJobDone((job) => {
    if (job.state === 'done') {
      bus.emit('counter', 'prints', 1);
      bus.emit('counter', 'paperMm', job.paperMm);
    } else bus.emit('counter', 'printFailures', 1);
    bus.emit('audit', { action: 'printer.job', detail: { jobId: job.id, layout: job.layout, state: job.state, code: job.code, reprintOf: job.reprintOf } });
  });
  return [announce, count];
}

function result(job: PrintJob) {
  return { jobId: job.id, state: job.state, layout: job.layout, ...(job.reprintOf ? { reprintOf: job.reprintOf } : {}), bytes: job.bytes, paperMm: job.paperMm };
}
