import type { CommandResult } from '../../../contract/api';
import type { PrintRequestInput } from '../../../contract/api/printer';
import type { RecordType } from '../../../contract/api/submission';
import { maskIdNumber } from '../../../contract/domain/mask';
import { ApiFailure } from '../../api/router';
import type { Capability, CapabilityContext } from '../../capability';
import { acceptanceReceipt, complaintReceipt, ReceiptUnavailable } from '../../documents/receipts';
import { recordPrint, verifyCode } from '../../documents/record-print';
import { answering, platformFailure } from '../failures';
import { ReceiptCopies } from './receipt-copies';
import { personQuery, requireIdentity } from '../session-person';

type PrintResult = CommandResult<'printer.print'>;

/**
 * receipt.print and records.print: resident documents that name a person,
 * composed in the daemon (documents/) from the stored submission, the
 * session's card and the platform's answer, and printed through the print
 * path. Only a case of this session (accepted, resent or found by its
 * idempotency key) has its receipt printed here; one copy is the original and
 * every further one is marked 【补打】 — also after a printer lost mid-page or
 * a daemon restart (receipt-copies.ts).
 */
export function createDocumentsCapability(ctx: CapabilityContext): Capability {
  const { config, router, bus, services } = ctx;
  const { store, catalog, sessionCard, sessionCases, print, clock } = services;
  const copies = new ReceiptCopies({ bus, store });

  const printCopy = async (caseNo: string, req: PrintRequestInput): Promise<PrintResult> => {
    const original = copies.originalOf(caseNo);
    try {
      const job = await print(original ? ({ ...req, reprintOf: original } as PrintRequestInput) : req, { onQueued: (jobId) => copies.record(caseNo, jobId, { state: 'queued' }) });
      copies.record(caseNo, job.jobId, { state: 'printed' });
      return job;
    } catch (err) {
      const failed = err instanceof ApiFailure ? (err.detail as { jobId?: string; outcome?: 'incomplete' | 'unknown' } | undefined) : undefined;
      if (failed?.jobId) copies.record(caseNo, failed.jobId, { state: 'failed', outcome: failed.outcome ?? 'unknown' });
      throw err;
    }
  };

  const receipt = async (requested: string, locale: 'zh-CN' | 'en'): Promise<PrintResult> => {
    const caseNo = requested.trim().toUpperCase();
    const s = sessionCases.has(caseNo) ? store.run((o) => o.store.submissions.findByCaseNo(caseNo)) : undefined;
    if (!s) throw new ApiFailure('notFound', `case ${requested} was not accepted in this session; receipts of other cases are printed at a window`);
    try {
      if (s.kind === 'application') return await printCopy(s.caseNo, acceptanceReceipt(s, s.itemCode ? catalog.item(s.itemCode) : undefined, locale));
      if (s.kind === 'complaint') return await printCopy(s.caseNo, complaintReceipt(s, catalog.current()?.complaintCategories ?? [], config.site.phones.supervision));
    } catch (err) {
      if (err instanceof ReceiptUnavailable) throw new ApiFailure(s.payload === null ? 'notFound' : 'internalError', err.message);
      throw err;
    }
    throw new ApiFailure('notSupported', `a ${s.kind} has no receipt`);
  };

  const records = async (recordType: RecordType): Promise<PrintResult> => {
    const id = requireIdentity(sessionCard, 'printing records');
    const o = store.require();
    const set = await o.platform.records(personQuery(o, id), recordType).catch((err: unknown) => {
      throw platformFailure(err);
    });
    const issuedAt = new Date(clock.now()).toISOString();
    const code = set ? verifyCode() : undefined;
    bus.emit('audit', { action: 'records.print', detail: { recordType, found: set !== undefined, person: maskIdNumber(id.idNumber), ...(code ? { verifyCode: code, issuedAt } : {}) } });
    if (!set || !code) throw new ApiFailure('notFound', `the platform has no ${recordType} record for this person; nothing was printed`);
    const job = await print(recordPrint(set, issuedAt, code, config.links.progressUrlTemplate));
    bus.emit('counter', 'recordPrints', 1);
    return job;
  };

  return {
    name: 'documents',
    start() {
      router.register('receipt.print', ({ caseNo, locale }) => answering(() => receipt(caseNo, locale ?? 'zh-CN')));
      router.register('records.print', ({ recordType }) => answering(() => records(recordType)));
    },
    stop() {},
  };
}
