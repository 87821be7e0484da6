import { noticeEnglish } from '../../documents/notice-english';
import type { PagePrintArgs } from '../../../contract/api/printer';
import type { z } from 'zod';
import { ApiFailure } from '../../api/router';
import type { Capability, CapabilityContext, Devices } from '../../capability';
import { followDevice } from '../follow-device';
import { buildOneTimeNotice, toPrinterNotice } from '../../catalog/notice-data';
import { ReprintRefused } from '../../devices/printer/print-queue';
import { paperLeft } from './paper-estimate';
import { runJob } from './print-path';

type Printer = NonNullable<Devices['printer']>;

/**
 * printer.print / reprint / testPage / lastJobs, printer.job events, the
 * health section and counters. A page prints only what names nobody: the
 * one-time notice of a catalog item, composed here from the catalog and the
 * site config, and the test page; every other document is composed by the
 * daemon (receipt.print, records.print, precheck.print) and printed through
 * the print path service. A print completes when the printer has confirmed
 * the job (GS r), or fails with the job's code and { jobId, sentAll } in the
 * error detail. The commands act on the printer in use at the call (demo
 * mode swaps it); without a printer this build can drive they answer
 * notSupported.
 */
export function createPrinterCapability(ctx: CapabilityContext): Capability {
  const offs: Array<() => void> = [];
  return {
    name: 'printer',
    start: () => void offs.push(...registerPrinter(ctx)),
    stop: () => {
      for (const off of offs.splice(0)) off();
    },
  };
}

/** Registers the commands, health and wiper; returns the unsubscribers of the queue listeners. */
function registerPrinter(ctx: CapabilityContext): Array<() => void> {
  const { config, router, services } = ctx;
  const { catalog, clock, print, devices } = services;
  const printer = (): Printer => {
    const dev = devices.printer;
    if (!dev) throw new ApiFailure('notSupported', 'printing is not available on this terminal (no printer this build can drive)');
    return dev;
  };

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
  router.register('printer.reprint', ({ jobId }) => {
    const { queue } = printer();
    return runJob(queue, () => {
      try {
        return queue.reprint(jobId);
      } catch (err) {
        if (err instanceof ReprintRefused) throw new ApiFailure(err.code, err.message);
        throw err;
      }
    });
  });
  router.register('printer.lastJobs', ({ limit, svg }) => {
    const dev = printer();
    if (!dev.renderedJobs) throw new ApiFailure('notSupported', 'rendered jobs exist only for the simulated printer');
    return { jobs: dev.renderedJobs.last(limit ?? 5, svg ?? false) };
  });

  ctx.addSessionWiper(() => devices.printer?.queue.wipe() ?? []);
  ctx.addHealth('printer', () => {
    const dev = devices.printer;
    return dev ? { transport: dev.transportName, profile: dev.profile, condition: dev.printerCondition ?? null, queued: dev.queue.pending, counters: dev.queue.counters, paper: paperLeft(ctx) } : null;
  });
  return [followDevice(devices, 'printer', (dev) => announceJobs(ctx, dev))];
}

/** printer.job events, the print counters and the audit of every job of this printer; returns what stops them. */
function announceJobs(ctx: CapabilityContext, dev: Printer): () => void {
  const { bus } = ctx;
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
  return () => {
    announce();
    count();
  };
}
