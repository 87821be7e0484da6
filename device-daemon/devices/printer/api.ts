import type { CapabilityContext } from '../../capability';
import { ApiFailure } from '../../api/router';
import type { ErrorCode } from '../../../contract/api';
import type { PrintRequest, RenderedJobSummary } from '../../../contract/api/printer';
import { EscposPrinterDevice } from './printer-device';
import { SimulatedPrinter } from './simulated-printer';
import type { PrintJob } from './print-queue';
import { ReprintRefused } from './print-queue';
import { buildDoc, type LayoutEnv } from './layouts';
import { pageToSvg } from './emulator/svg';
import type { RenderedPage } from './emulator/page-interpreter';

/**
 * printer.print / reprint / testPage / lastJobs, printer.job events, the
 * health section and counters. A print completes when the printer has
 * confirmed the job (GS r), or fails with the job's code and its jobId in
 * the error detail, so the UI can offer the one 补打.
 */
export function registerPrinterApi(ctx: CapabilityContext): void {
  const dev = ctx.registry.get('printer');
  if (!(dev instanceof EscposPrinterDevice)) return;
  const { config } = ctx;

  const env = (): LayoutEnv => {
    const s = dev.status();
    return {
      ctx: { siteName: config.site.name, terminalId: config.terminalId, now: new Date() },
      links: config.links,
      phones: { consultation: config.site.phones.consultation, supervision: config.site.phones.supervision },
      printer: { status: s.reason ? `${s.state}（${s.reason}）` : s.state, transport: `${s.driver} ${dev.transportName}`, profile: dev.profile },
    };
  };

  const finish = async (job: PrintJob) => {
    const done = await dev.queue.whenFinished(job);
    if (done.state !== 'done') {
      const code = (done.code ?? 'hardwareError') as ErrorCode;
      throw new ApiFailure(code, `print job ${done.id} failed: ${done.code ?? 'unknown'}`, { jobId: done.id });
    }
    return result(done);
  };

  const print = (req: PrintRequest) => {
    // A further copy of an earlier job of this session: printed marked 【补打】.
    if (req.reprintOf && !dev.queue.get(req.reprintOf)) throw new ApiFailure('jobNotFound', `no print job ${req.reprintOf} in this session to mark this copy as its 补打`);
    return finish(dev.queue.submit(buildDoc(req, env()), req.reprintOf ? { reprintOf: req.reprintOf } : {}));
  };

  ctx.router.register('printer.print', (args) => print(args as PrintRequest));
  ctx.router.register('printer.testPage', () => print({ layout: 'testPage', data: {} }));
  ctx.router.register('printer.reprint', ({ jobId }) => {
    let job: PrintJob;
    try {
      job = dev.queue.reprint(jobId);
    } catch (err) {
      if (err instanceof ReprintRefused) throw new ApiFailure(err.code, err.message);
      throw err;
    }
    return finish(job);
  });
  ctx.router.register('printer.lastJobs', ({ limit, svg }) => {
    if (!(dev instanceof SimulatedPrinter)) throw new ApiFailure('notSupported', 'rendered jobs exist only for the simulated printer');
    return { jobs: dev.emulator.lastJobs(limit ?? 5).map((p) => summarize(p, svg ?? false)) };
  });

  dev.queue.onJob((job) =>
    ctx.emit('printer.job', { jobId: job.id, state: job.state, ...(job.code ? { code: job.code } : {}), ...(job.reprintOf ? { reprintOf: job.reprintOf } : {}) }),
  );
  dev.queue.onJobDone((job) => {
    if (job.state === 'done') {
      ctx.bus.emit('counter', 'prints', 1);
      ctx.bus.emit('counter', 'paperMm', job.paperMm);
    } else ctx.bus.emit('counter', 'printFailures', 1);
    ctx.bus.emit('audit', { action: 'printer.job', detail: { jobId: job.id, layout: job.layout, state: job.state, code: job.code, reprintOf: job.reprintOf } });
  });
  ctx.addSessionWiper(() => dev.queue.wipe());
  ctx.addHealth('printer', () => ({
    transport: dev.transportName,
    profile: dev.profile,
    condition: dev.printerCondition ?? null,
    queued: dev.queue.pending,
    counters: dev.queue.counters,
  }));
}

function result(job: PrintJob) {
  return { jobId: job.id, state: job.state, layout: job.layout, ...(job.reprintOf ? { reprintOf: job.reprintOf } : {}), bytes: job.bytes, paperMm: job.paperMm };
}

export function summarize(p: RenderedPage, svg: boolean): RenderedJobSummary {
  return {
    receivedAt: p.receivedAt,
    lines: p.lines,
    qr: p.qr,
    images: p.images,
    cuts: p.cuts,
    incomplete: p.incomplete,
    warnings: [...p.warnings, ...p.unknown.map((u) => `unknown command: ${u.reason} (${u.hex})`)],
    paperMm: p.paperMm,
    ...(svg ? { svg: pageToSvg(p) } : {}),
  };
}
