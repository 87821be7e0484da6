import type { z } from 'zod';
import type { OneTimeNoticeData } from '../../../../contract/api/printer';
import { chinaTime, type DocBlock, type LayoutContext, type ReceiptDoc } from './doc';

type Data = z.output<typeof OneTimeNoticeData> & { guideUrl: string; phones: { consultation: string; supervision: string } };

/** 一次性告知单: everything needed for an item, on one slip, so nobody comes twice. */
export function oneTimeNotice(d: Data, ctx: LayoutContext): ReceiptDoc {
  const unit = d.timeLimit.workingDays ? '个工作日' : '日';
  const blocks: DocBlock[] = [
    { kind: 'title', text: '一次性告知单' },
    { kind: 'text', text: ctx.siteName, align: 'center' },
    { kind: 'rule' },
    { kind: 'field', label: '事项名称', value: d.itemName, bold: true },
  ];
  if (d.itemCode) blocks.push({ kind: 'field', label: '事项编码', value: d.itemCode });
  blocks.push({ kind: 'rule' }, { kind: 'heading', text: `申请材料（共${d.materials.length}项）` });
  blocks.push({
    kind: 'list',
    numbered: true,
    items: d.materials.map((m) => {
      const counts = [m.originals ? `原件${m.originals}份` : '', m.copies ? `复印件${m.copies}份` : ''].filter(Boolean).join('，') || '无需纸质材料';
      return `${m.name}（${counts}）${m.note ? `：${m.note}` : ''}`;
    }),
  });
  blocks.push(
    { kind: 'rule' },
    { kind: 'field', label: '法定时限', value: d.timeLimit.legalDays === null ? (d.timeLimit.legalText ?? '无法定时限') : `${d.timeLimit.legalDays}${unit}` },
    {
      kind: 'field',
      label: '承诺时限',
      value: d.timeLimit.promisedDays === null ? (d.timeLimit.promisedText ?? '即办') : d.timeLimit.promisedDays === 0 ? '即办' : `${d.timeLimit.promisedDays}${unit}`,
    },
    { kind: 'field', label: '收费标准', value: d.fees },
    { kind: 'heading', text: '办理地点' },
  );
  for (const w of d.where) {
    blocks.push({ kind: 'field', label: '地点', value: w.place });
    if (w.address) blocks.push({ kind: 'field', label: '地址', value: w.address });
    if (w.hours) blocks.push({ kind: 'field', label: '时间', value: w.hours });
  }
  blocks.push(
    { kind: 'rule' },
    { kind: 'field', label: '咨询电话', value: d.phones.consultation },
    { kind: 'field', label: '监督电话', value: d.phones.supervision },
    { kind: 'qr', payload: d.guideUrl, caption: '扫码查看网上办事指南' },
    { kind: 'field', label: '告知时间', value: chinaTime(d.issuedAt) },
    { kind: 'text', text: '以上材料齐全即可受理，不再要求提供告知单以外的材料。' },
  );
  if (d.english) blocks.push(...englishPart(d, d.english));
  return { layout: 'oneTimeNotice', blocks };
}

/** Below the Chinese, for a resident using English; a material the catalog has no English for points to its Chinese line. */
function englishPart(d: Data, en: NonNullable<Data['english']>): DocBlock[] {
  const days = (n: number | null) => (n === null ? '(see above, in Chinese)' : n === 0 ? 'on the spot' : `${n} ${d.timeLimit.workingDays ? 'working days' : 'days'}`);
  return [
    { kind: 'rule' },
    { kind: 'heading', text: 'What to bring (one-time notice)' },
    { kind: 'field', label: 'Service', value: en.itemName },
    { kind: 'list', numbered: true, items: en.materials.map((m, i) => m ?? `(see ${i + 1}. above, in Chinese)`) },
    { kind: 'field', label: 'Legal time limit', value: days(d.timeLimit.legalDays) },
    { kind: 'field', label: 'Promised', value: days(d.timeLimit.promisedDays) },
    { kind: 'text', text: 'Where to go and the phones: see above. With every material listed here your application is accepted; nothing beyond this notice is asked for.' },
  ];
}
