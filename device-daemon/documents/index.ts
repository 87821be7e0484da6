import { randomBytes } from 'node:crypto';
import type { CapabilityContext } from '../capability';
import { ApiFailure } from '../api/router';
import type { CommandResult } from '../../contract/api';
import type { RecordType } from '../../contract/api/submission';
import type { PrintRequestInput } from '../../contract/api/printer';
import { catalogItem, catalogStore } from '../catalog';
import { maskAddressToDistrict } from '../../contract/domain/mask';
import type { StoredPayload } from '../platform/sync-worker';
import type { PersonQuery } from '../platform/types';
import type { Submission } from '../store/submissions';
import { chinaIso } from '../../contract/domain/china-time';

// receipt.print and records.print: resident documents that name a person are
// composed here, from what the daemon holds (the stored submission, the
// session's card record, the platform's answer), and printed through
// printer.print (router.invoke: checked like a call from the page) — the page
// never sends or receives the full name, number, address or phone.
// Registered by the store capability (store/api.ts), which owns the session's
// case numbers and the platform; printer.print is looked up at call time.

export interface DocumentDeps {
  /** The submission with this case number, when it was accepted in this session. */
  sessionCase(caseNo: string): Submission | undefined;
  /** The identified person of this session (throws noSession when none). */
  person(what: string): { query: PersonQuery; masked: string };
  records(person: PersonQuery, recordType: RecordType): Promise<import('../platform/wire').WireRecordSet | undefined>;
}

type PrintResult = CommandResult<'printer.print'>;

const DELIVERY = { pickup: 'pickup', post: 'post', electronic: 'electronic' } as const;

export function registerDocumentCommands(ctx: CapabilityContext, deps: DocumentDeps): void {
  const { config, router } = ctx;
  /**
   * The first completed job per case: every later print of the same receipt is
   * a further copy, printed marked 【补打】 (printer.print reprintOf). A print
   * that failed (paper out …) leaves nothing here: the next one is the original.
   */
  const printedJob = new Map<string, string>();
  ctx.addSessionWiper(() => {
    const had = printedJob.size > 0;
    printedJob.clear();
    return had ? ['documents.printedJobs'] : [];
  });

  const print = async (caseNo: string, req: PrintRequestInput): Promise<PrintResult> => {
    const earlier = printedJob.get(caseNo);
    const job = await router.invoke('printer.print', (earlier ? { ...req, reprintOf: earlier } : req) as never);
    if (!earlier) printedJob.set(caseNo, job.jobId);
    return job;
  };

  router.register('receipt.print', async ({ caseNo }) => {
    const s = deps.sessionCase(caseNo.trim().toUpperCase());
    if (!s) throw new ApiFailure('notFound', `case ${caseNo} was not accepted in this session; receipts of other cases are printed at a window`);
    if (s.payload === null) throw new ApiFailure('notFound', `case ${s.caseNo} no longer holds the data of its receipt`);
    const p = s.payload as StoredPayload;
    if (s.kind === 'application') return print(s.caseNo, acceptanceReceipt(s, p));
    if (s.kind === 'complaint') return print(s.caseNo, complaintReceipt(s, p));
    throw new ApiFailure('notSupported', `a ${s.kind} has no receipt`);
  });

  router.register('records.print', async ({ recordType }) => {
    const { query, masked } = deps.person('printing records');
    const set = await deps.records(query, recordType);
    const issuedAt = new Date().toISOString();
    const code = set ? verifyCode() : undefined;
    ctx.bus.emit('audit', { action: 'records.print', detail: { recordType, found: set !== undefined, person: masked, ...(code ? { verifyCode: code, issuedAt } : {}) } });
    if (!set || !code) throw new ApiFailure('notFound', `the platform has no ${recordType} record for this person; nothing was printed`);
    const rows = [
      ...set.summary.map((x) => ({ label: x.zh.slice(0, 40), value: String(x.value).slice(0, 200) })),
      ...set.rows.map((r) => {
        const [first, ...rest] = set.columns;
        return { label: String(first ? (r[first.key] ?? '') : '').slice(0, 40) || '—', value: rest.map((c) => `${c.zh} ${r[c.key] ?? ''}`).join(' · ').slice(0, 200) };
      }),
    ].slice(0, 60);
    const job = await router.invoke('printer.print', {
      layout: 'queryResult',
      data: {
        title: set.title.zh.slice(0, 40),
        person: { name: set.holder.name, idNumber: set.holder.idNumber },
        rows: rows.length ? rows : [{ label: '记录', value: '—' }],
        issuedAt,
        issuer: set.issuer.slice(0, 80),
        verifyCode: code,
        // The platform's verification page sits beside its progress page (same origin).
        verifyUrl: `${new URL(config.links.progressUrlTemplate.replace('{caseNo}', '')).origin}/verify?code=${code}`,
      },
    });
    ctx.bus.emit('counter', 'recordPrints', 1);
    return job;
  });

  function acceptanceReceipt(s: Submission, p: StoredPayload): PrintRequestInput {
    const data = p.data as {
      materials?: Array<{ code: string; provided: string }>;
      delivery?: { method: keyof typeof DELIVERY; address?: string };
      contactPhone?: string;
    };
    const item = s.itemCode ? catalogItem(s.itemCode) : undefined;
    const nameOf = (code: string) => item?.materials.find((m) => m.id === code)?.name.zh ?? code;
    const toBring = (data.materials ?? []).flatMap((m) =>
      m.provided === 'later' ? [nameOf(m.code)] : m.provided === 'post' ? [`${nameOf(m.code)}（邮寄至受理部门）`] : [],
    );
    const applicant = p.applicant;
    if (!applicant) throw new ApiFailure('internalError', `case ${s.caseNo} has no applicant`);
    const delivery = data.delivery ?? { method: 'pickup' as const };
    return {
      layout: 'acceptanceReceipt',
      data: {
        caseNo: s.caseNo,
        itemName: (item?.name.zh ?? s.itemCode ?? '').slice(0, 80) || '—',
        ...(item?.codeIsOfficial ? { itemCode: item.code } : {}),
        ...(item ? { department: item.department.zh.slice(0, 60) } : {}),
        applicant: { name: applicant.name, idNumber: applicant.idNumber, ...(data.contactPhone ? { phone: data.contactPhone } : {}) },
        submittedAt: chinaIso(s.acceptedAt),
        promisedDate: s.promisedDate ?? chinaIso(s.acceptedAt).slice(0, 10),
        promisedProvisional: s.provisional,
        materialsToBring: toBring.map((x) => x.slice(0, 120)).slice(0, 20),
        // The postal address is printed only up to the district: the receipt may be lost.
        delivery: { method: DELIVERY[delivery.method] ?? 'pickup', ...(delivery.address ? { detail: maskAddressToDistrict(delivery.address).slice(0, 120) } : {}) },
      },
    };
  }

  function complaintReceipt(s: Submission, p: StoredPayload): PrintRequestInput {
    const data = p.data as { category?: string; callbackPhone?: string };
    const category = catalogStore()?.current()?.complaintCategories.find((c) => c.id === data.category)?.name.zh ?? data.category ?? '其他';
    const promise = s.promisedDate ? `${s.promisedDate} 前联系您并答复处理情况` : '我们将尽快联系您并答复处理情况';
    return {
      layout: 'complaintReceipt',
      data: {
        complaintNo: s.caseNo,
        category: category.slice(0, 40),
        submittedAt: chinaIso(s.acceptedAt),
        promise,
        phone: config.site.phones.supervision,
        ...(data.callbackPhone ? { contact: { phone: data.callbackPhone } } : {}),
      },
    };
  }
}

/**
 * A short random code printed on a record so the issuer can check it against
 * the audit entry of this print (terminal, record type, masked person, time).
 * Random, not derived from the person: a hash of the ID number with the
 * printed terminal and time would let anyone recover the masked digits.
 */
function verifyCode(): string {
  const h = randomBytes(4).toString('hex').toUpperCase();
  return `YZ-${h.slice(0, 4)}-${h.slice(4, 8)}`;
}
