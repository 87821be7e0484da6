import type { z } from 'zod';
import type { AcceptanceReceiptData } from '../../../../contract/api/printer';
import { maskAddressToDistrict, maskIdNumber, maskName, maskPhone } from '../../../../contract/domain/mask';
import { chinaTime, evaluationQr, type DocBlock, type LayoutContext, type ReceiptDoc } from './doc';

type Data = z.output<typeof AcceptanceReceiptData> & { progressUrl: string; evaluationUrl: string; supervisionPhone: string };

const DELIVERY: Record<Data['delivery']['method'], string> = { pickup: '窗口领取', post: '邮寄送达', electronic: '电子证照/网上查看' };

/** 受理回执: what the resident takes home after submitting an application. */
export function acceptanceReceipt(d: Data, ctx: LayoutContext): ReceiptDoc {
  const blocks: DocBlock[] = [
    { kind: 'title', text: '受理回执' },
    { kind: 'text', text: ctx.siteName, align: 'center' },
    { kind: 'rule' },
    { kind: 'field', label: '办件编号', value: d.caseNo, bold: true },
    { kind: 'field', label: '事项名称', value: d.itemName },
  ];
  if (d.itemCode) blocks.push({ kind: 'field', label: '事项编码', value: d.itemCode });
  if (d.department) blocks.push({ kind: 'field', label: '受理部门', value: d.department });
  blocks.push({ kind: 'field', label: '申请人', value: maskName(d.applicant.name) }, { kind: 'field', label: '证件号码', value: maskIdNumber(d.applicant.idNumber) });
  if (d.applicant.phone) blocks.push({ kind: 'field', label: '联系电话', value: maskPhone(d.applicant.phone) });
  // A postal address is printed only up to the county/district: a receipt gets lost or thrown away.
  const detail = d.delivery.detail && d.delivery.method === 'post' ? maskAddressToDistrict(d.delivery.detail) : d.delivery.detail;
  blocks.push({ kind: 'field', label: '提交时间', value: chinaTime(d.submittedAt) }, promiseField(d), {
    kind: 'field',
    label: '领取方式',
    value: DELIVERY[d.delivery.method] + (detail ? `（${detail}）` : ''),
  });
  // Who handled it for the resident is part of the record they keep.
  if (d.assistedBy) blocks.push({ kind: 'field', label: '办理方式', value: `帮办代办（工作人员 ${d.assistedBy}）` });
  if (d.materialsToBring.length) {
    blocks.push({ kind: 'rule' }, { kind: 'heading', text: '尚需补交的材料' }, { kind: 'list', items: d.materialsToBring, numbered: true });
  }
  blocks.push(
    { kind: 'rule' },
    { kind: 'qr', payload: d.progressUrl, caption: '扫码查询办理进度' },
    { kind: 'feed', lines: 1 },
    evaluationQr(d.evaluationUrl),
    { kind: 'rule' },
    { kind: 'field', label: '监督电话', value: d.supervisionPhone },
    { kind: 'field', label: '终端编号', value: ctx.terminalId },
    { kind: 'field', label: '打印时间', value: chinaTime(ctx.now) },
    { kind: 'text', text: '请妥善保管本回执，凭办件编号查询进度、领取结果。' },
  );
  if (d.english) blocks.push(...englishPart(d, d.english.itemName, detail));
  return { layout: 'acceptanceReceipt', blocks };
}

const DELIVERY_EN: Record<Data['delivery']['method'], string> = { pickup: 'Collect at the window', post: 'By post', electronic: 'Electronic / view online' };

/** Below the Chinese, for a resident using English: the same facts in English (the Chinese above is the record). */
function englishPart(d: Data, itemName: string, detail: string | undefined): DocBlock[] {
  const promise = !d.promisedDate
    ? { label: 'Time limit', value: 'as the department tells you (see 办结时限 above)' }
    : { label: d.promisedProvisional ? 'Expected by' : 'Promised by', value: d.promisedProvisional ? `${d.promisedDate} (expected, to be confirmed)` : d.promisedDate };
  const blocks: DocBlock[] = [
    { kind: 'rule' },
    { kind: 'heading', text: 'Receipt of your application' },
    { kind: 'field', label: 'Case number', value: d.caseNo, bold: true },
    { kind: 'field', label: 'Service', value: itemName },
    { kind: 'field', label: 'Applicant', value: maskName(d.applicant.name) },
    { kind: 'field', label: 'Submitted', value: chinaTime(d.submittedAt) },
    { kind: 'field', ...promise },
    { kind: 'field', label: 'Result', value: DELIVERY_EN[d.delivery.method] + (detail ? ` (${detail})` : '') },
  ];
  if (d.assistedBy) blocks.push({ kind: 'field', label: 'Handled by', value: `assistant (帮办代办), staff no. ${d.assistedBy}` });
  if (d.materialsToBring.length) blocks.push({ kind: 'text', text: `Still to hand in: ${d.materialsToBring.length} item(s), listed in Chinese above.` });
  blocks.push({
    kind: 'text',
    text: 'Scan the first code above to follow your case, the second to rate this service. Keep this receipt: you need the case number to ask about your case or collect the result.',
  });
  return blocks;
}

/** A date only where the item promises one; otherwise its time limit in words, never an invented date. */
function promiseField(d: Data): DocBlock {
  if (!d.promisedDate) return { kind: 'field', label: '办结时限', value: d.promiseText ?? '以受理部门通知为准' };
  if (d.promisedProvisional) return { kind: 'field', label: '预计办结', value: `${d.promisedDate}（预计，以部门确认为准）` };
  return { kind: 'field', label: '承诺办结', value: d.promisedDate };
}
