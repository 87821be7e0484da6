import type { CommandResult, ErrorCode } from '../../../contract/api';
import { PrintRequest } from '../../../contract/api/printer';
import { ApiFailure } from '../../api/router';
import type { Devices, PrintPath } from '../../capability';
import type { Clock } from '../../clock';
import type { KioskConfig } from '../../config/schema';
import { markedForDemo } from '../../documents/demo-mark';
import { buildDoc, type LayoutEnv } from '../../devices/printer/layouts';
import type { PrintJob, PrintQueue } from '../../devices/printer/print-queue';

type Printer = NonNullable<Devices['printer']>;
type PrintResult = CommandResult<'printer.print'>;

/**
 * The one way a document reaches the printer: the documents the daemon
 * composed (receipts, records, the pre-check slip, the notice, the test page)
 * are checked against their layout schema, rendered with the terminal's
 * links and phones, queued, and answered when the printer confirmed the job.
 * It prints on the printer in use at the call (demo mode swaps it).
 * It is a service, not a command: no page can hand it layout data. In demo
 * mode (`demo`) every page carries the 演示 / DEMO mark.
 *
 * A failed job's detail says whether a whole page may have come out
 * (`outcome`, see outcomeOf): then a further copy must be marked 补打.
 */
export function createPrintPath(deps: { config: KioskConfig; clock: Clock; printer: () => Printer | undefined; demo?: () => boolean }): PrintPath {
  const { config, clock } = deps;
  const env = (dev: Printer): LayoutEnv => {
    const s = dev.status();
    return {
      ctx: { siteName: config.site.name, terminalId: config.terminalId, now: new Date(clock.now()) },
      links: config.links,
      phones: { consultation: config.site.phones.consultation, supervision: config.site.phones.supervision },
      printer: { status: s.reason ? `${s.state}（${s.reason}）` : s.state, transport: `${s.driver} ${dev.transportName}`, profile: dev.profile },
    };
  };

  return (request, hooks = {}) => {
    // The printer in use now: demo mode swaps it for the simulated one.
    const dev = deps.printer();
    if (!dev) return Promise.reject(new ApiFailure('notSupported', 'printing is not available on this terminal (no printer this build can drive)'));
    const checked = PrintRequest.safeParse(request);
    if (!checked.success) {
      return Promise.reject(new ApiFailure('internalError', `the daemon composed a ${request.layout} its layout refuses: ${checked.error.issues.map((i) => i.path.join('.')).join(', ')}`));
    }
    const req = checked.data;
    const doc = buildDoc(req, env(dev));
    // Demo mode (演示模式): every page carries the mark.
    const printed = deps.demo?.() ? markedForDemo(doc) : doc;
    return runJob(dev.queue, () => dev.queue.submit(printed, req.reprintOf ? { reprintOf: req.reprintOf } : {}), hooks.onQueued);
  };
}

/**
 * Starts a job and answers when it finished: the result, or its failure code
 * with { jobId, outcome }. `onQueued` runs before any byte goes out, so a
 * caller can record that a copy is on its way.
 */
export async function runJob(queue: PrintQueue, start: () => PrintJob, onQueued?: (jobId: string) => void): Promise<PrintResult> {
  const job = start();
  onQueued?.(job.id);
  const done = await queue.whenFinished(job);
  if (done.state !== 'done') {
    const code = (done.code ?? 'hardwareError') as ErrorCode;
    // Whether a whole page may have come out is the driver's call (the job machine saw which bytes went out
    // and what the printer said): `incomplete` before the last byte or when the printer reported it stopped,
    // `unknown` otherwise. A job that never reached the driver printed nothing.
    throw new ApiFailure(code, `print job ${done.id} failed: ${done.code ?? 'unknown'}`, { jobId: done.id, outcome: done.outcome ?? 'incomplete' });
  }
  return { jobId: done.id, state: done.state, layout: done.layout, ...(done.reprintOf ? { reprintOf: done.reprintOf } : {}), bytes: done.bytes, paperMm: done.paperMm };
}
