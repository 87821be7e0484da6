import type { z } from 'zod';
import type { QueryResultData } from '../../../../contract/api/printer';
import { maskIdNumber, maskName } from '../../../../contract/domain/mask';
import { chinaTime, type DocBlock, type LayoutContext, type ReceiptDoc } from './doc';

type Data = z.output<typeof QueryResultData>;

/** Said on a holder's certificate, whose name and number are printed whole. */
export const HOLDER_CERTIFICATE_NOTE = '本证明应持证人本人要求打印，载有本人完整姓名和证件号码，请妥善保管。';

/**
 * Query-and-print result (参保证明 …): a record's rows, with a QR to verify it
 * online. A holder's certificate names the holder in full (it is printed for
 * them, into their hand); any other record print names them masked.
 */
export function queryResult(d: Data, ctx: LayoutContext): ReceiptDoc {
  const whole = d.holderCertificate;
  const blocks: DocBlock[] = [
    { kind: 'title', text: d.title },
    { kind: 'rule' },
    { kind: 'field', label: '姓名', value: whole ? d.person.name : maskName(d.person.name) },
    { kind: 'field', label: '证件号码', value: whole ? d.person.idNumber : maskIdNumber(d.person.idNumber) },
    { kind: 'rule' },
    ...d.rows.map((r): DocBlock => ({ kind: 'field', label: r.label, value: r.value })),
    { kind: 'rule' },
    { kind: 'field', label: '出具时间', value: chinaTime(d.issuedAt) },
  ];
  if (d.issuer) blocks.push({ kind: 'field', label: '出具单位', value: d.issuer });
  if (d.verifyCode) blocks.push({ kind: 'field', label: '验证码', value: d.verifyCode });
  if (whole) blocks.push({ kind: 'text', text: HOLDER_CERTIFICATE_NOTE });
  blocks.push({ kind: 'qr', payload: d.verifyUrl, caption: '扫码核验真伪' }, { kind: 'field', label: '打印终端', value: `${ctx.terminalId} ${ctx.siteName}` });
  return { layout: 'queryResult', blocks };
}
