import type { PrintRequestInput } from '../../contract/api/printer';
import type { CatalogItem, ComplaintCategory } from '../../contract/catalog/catalog-schema';
import { chinaIso } from '../../contract/domain/china-time';
import { maskAddressToDistrict } from '../../contract/domain/mask';
import type { StoredPayload } from '../platform/sync-worker';
import type { Submission } from '../store/submissions';

// The receipts of a submission, composed from what the daemon holds (the
// stored submission, its catalog item): the page never sends or receives the
// full name, number, address or phone printed (masked) on them.

const DELIVERY = { pickup: 'pickup', post: 'post', electronic: 'electronic' } as const;

/** A receipt cannot be composed (the stored data lacks what it needs). */
export class ReceiptUnavailable extends Error {
  override name = 'ReceiptUnavailable';
}

/** 受理回执 of an application: item and department from the catalog (when it still has the item), materials to bring or to mail. */
export function acceptanceReceipt(s: Submission, item: CatalogItem | undefined, locale: 'zh-CN' | 'en' = 'zh-CN'): PrintRequestInput {
  const p = payloadOf(s);
  const data = p.data as {
    materials?: Array<{ code: string; provided: string }>;
    delivery?: { method: keyof typeof DELIVERY; address?: string };
    contactPhone?: string;
    assistedBy?: string;
  };
  const nameOf = (code: string) => item?.materials.find((m) => m.id === code)?.name.zh ?? code;
  const toBring = (data.materials ?? []).flatMap((m) => (m.provided === 'later' ? [nameOf(m.code)] : m.provided === 'post' ? [`${nameOf(m.code)}（邮寄至受理部门）`] : []));
  const applicant = p.applicant;
  if (!applicant) throw new ReceiptUnavailable(`case ${s.caseNo} has no applicant`);
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
      ...(s.promisedDate ? { promisedDate: s.promisedDate } : { promiseText: (item?.timeLimit.promisedText ?? '以受理部门通知为准').slice(0, 80) }),
      promisedProvisional: s.provisional,
      materialsToBring: toBring.map((x) => x.slice(0, 120)).slice(0, 20),
      ...(data.assistedBy ? { assistedBy: data.assistedBy } : {}),
      // The postal address is printed only up to the district: the receipt may be lost.
      delivery: { method: DELIVERY[delivery.method] ?? 'pickup', ...(delivery.address ? { detail: maskAddressToDistrict(delivery.address).slice(0, 120) } : {}) },
      ...(locale === 'en' ? { english: { itemName: (item?.name.en ?? item?.name.zh ?? s.itemCode ?? '—').slice(0, 120) } } : {}),
    },
  };
}

/** Complaint receipt: number, category (as the catalog names it), the promise of an answer, the supervision phone. */
export function complaintReceipt(s: Submission, categories: readonly ComplaintCategory[], supervisionPhone: string): PrintRequestInput {
  const data = payloadOf(s).data as { category?: string; callbackPhone?: string };
  const category = categories.find((c) => c.id === data.category)?.name.zh ?? data.category ?? '其他';
  const promise = s.promisedDate ? `${s.promisedDate} 前联系您并答复处理情况` : '我们将尽快联系您并答复处理情况';
  return {
    layout: 'complaintReceipt',
    data: {
      complaintNo: s.caseNo,
      category: category.slice(0, 40),
      submittedAt: chinaIso(s.acceptedAt),
      promise,
      phone: supervisionPhone,
      ...(data.callbackPhone ? { contact: { phone: data.callbackPhone } } : {}),
    },
  };
}

function payloadOf(s: Submission): StoredPayload {
  if (s.payload === null) throw new ReceiptUnavailable(`case ${s.caseNo} no longer holds the data of its receipt`);
  return s.payload as StoredPayload;
}
