import { noticeEnglish } from '../../documents/notice-english';
import type { PagePrintArgs } from '../../../contract/api/printer';
import type { z } from 'zod';
import { ApiFailure } from '../../api/router';
import type { Capability, CapabilityContext, Devices } from '../../capability';
import { buildOneTimeNotice, toPrinterNotice } from '../../catalog/notice-data';
import { ReprintRefused } from '../../devices/printer/print-queue';
import { paperLeft } from './paper-estimate';
import { runJob } from './print-path';

/**
 * printer.print / reprint / testPage / lastJobs, printer.job events, the
 * health section and counters. A page prints only what names nobody: the
 * one-time notice of a catalog item, composed here from the catalog and the
 * site config, and the test page; every other document is composed by the
 * daemon (receipt.print, records.print, precheck.print) and printed through
 * the print path service. A print completes when the printer has confirmed
 * the job (GS r), or fails with the job's code and { jobId, sentAll } in the
 * error detail. Without a printer this build can drive, the commands are not
 * registered (notSupported).
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
  const { config, router, bus, services } = ctx;
  const { catalog, clock, print } = services;

  const notice = (itemId: string, locale: 'zh-CN' | 'en' = 'zh-CN') => {
    if (!catalog.current()) throw new ApiFailure('catalogUnavailable', 'no valid service catalog is loaded (see catalog.diagnostics)');
    const item = catalog.itemById(itemId);
    if (!item) throw new ApiFailure('notFound', `no catalog item ${itemId}`);
    const data = toPrinterNotice(buildOneTimeNotice(item, config.site, config.links, new Date(clock.now())));
    return print({ layout: 'oneTimeNotice', data: locale === 'en' ? { ...data, english: noticeEnglish(item) } : data });
  };
  const pagePrint = (args: z.output<typeof PagePrintArgs>) => (args.layout === 'testPage' ? print({ layout: 'testPage', data: {} }) : notice(args.itemId, args.locale));

  router.register('printer.print', (args) => pagePrint(args as z.output<typeof PagePrintArgs>));
  router.register('printer.testPage', () => pagePrint({ layout: 'testPage' }));
  router.register('printer.reprint', ({ jobId }) =>
    runJob(dev.queue, () => {
      try {
        return dev.queue.reprint(jobId);
      } catch (err) {
        if (err instanceof ReprintRefused) throw new ApiFailure(err.code, err.message);
        throw err;
      }
    }),
  );
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
    paper: paperLeft(ctx),
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
