import type { z } from 'zod';
import type { AcceptanceReceiptData } from '../../../../contract/api/printer';
import { maskAddressToDistrict, maskIdNumber, maskName, maskPhone } from '../../../../contract/domain/mask';
import { chinaTime, type DocBlock, type LayoutContext, type ReceiptDoc } from './doc';

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
  if (d.materialsToBring.length) {
    blocks.push({ kind: 'rule' }, { kind: 'heading', text: '尚需补交的材料' }, { kind: 'list', items: d.materialsToBring, numbered: true });
  }
  blocks.push(
    { kind: 'rule' },
    { kind: 'qr', payload: d.progressUrl, caption: '扫码查询办理进度' },
    { kind: 'feed', lines: 1 },
    { kind: 'qr', payload: d.evaluationUrl, caption: '扫码评价本次服务（好差评）' },
    { kind: 'rule' },
    { kind: 'field', label: '监督电话', value: d.supervisionPhone },
    { kind: 'field', label: '终端编号', value: ctx.terminalId },
    { kind: 'field', label: '打印时间', value: chinaTime(ctx.now) },
    { kind: 'text', text: '请妥善保管本回执，凭办件编号查询进度、领取结果。' },
  );
  return { layout: 'acceptanceReceipt', blocks };
}

/** A date only where the item promises one; otherwise its time limit in words, never an invented date. */
function promiseField(d: Data): DocBlock {
  if (!d.promisedDate) return { kind: 'field', label: '办结时限', value: d.promiseText ?? '以受理部门通知为准' };
  if (d.promisedProvisional) return { kind: 'field', label: '预计办结', value: `${d.promisedDate}（预计，以部门确认为准）` };
  return { kind: 'field', label: '承诺办结', value: d.promisedDate };
}
