import type { z } from 'zod';
import type { ComplaintReceiptData } from '../../../../contract/api/printer';
import { maskName, maskPhone } from '../../../../contract/domain/mask';
import { chinaTime, evaluationQr, type DocBlock, type LayoutContext, type ReceiptDoc } from './doc';

type Data = z.output<typeof ComplaintReceiptData> & { evaluationUrl: string };

/** 投诉受理回执: the complaint's number, category and the handling promise; the QR to rate the service later. */
export function complaintReceipt(d: Data, ctx: LayoutContext): ReceiptDoc {
  const blocks: DocBlock[] = [
    { kind: 'title', text: '投诉受理回执' },
    { kind: 'text', text: ctx.siteName, align: 'center' },
    { kind: 'rule' },
    { kind: 'field', label: '投诉编号', value: d.complaintNo, bold: true },
    { kind: 'field', label: '投诉类别', value: d.category },
    { kind: 'field', label: '提交时间', value: chinaTime(d.submittedAt) },
  ];
  if (d.contact?.name) blocks.push({ kind: 'field', label: '联系人', value: maskName(d.contact.name) });
  if (d.contact?.phone) blocks.push({ kind: 'field', label: '联系电话', value: maskPhone(d.contact.phone) });
  blocks.push(
    { kind: 'rule' },
    { kind: 'field', label: '处理承诺', value: d.promise },
    { kind: 'field', label: '查询电话', value: d.phone },
    { kind: 'field', label: '终端编号', value: ctx.terminalId },
    { kind: 'text', text: '我们将依法保护您的个人信息，并在承诺时限内答复。' },
    { kind: 'rule' },
    evaluationQr(d.evaluationUrl),
  );
  return { layout: 'complaintReceipt', blocks };
}
