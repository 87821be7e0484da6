import type { z } from 'zod';
import type { PrecheckResultData } from '../../../../contract/api/printer';
import { chinaTime, type DocBlock, type LayoutContext, type ReceiptDoc } from './doc';

type Data = z.output<typeof PrecheckResultData> & { guideUrl: string; phones: { consultation: string; supervision: string } };

const OUTCOME: Record<Data['outcome'], string> = {
  eligible: '初步符合办理条件',
  ineligible: '初步不符合办理条件',
  checkAtWindow: '部分条件需窗口工作人员确认',
};

/** 预审结果: what the pre-check found, what is still missing, where to go. Advisory; names nobody. */
export function precheckResult(d: Data, ctx: LayoutContext): ReceiptDoc {
  const blocks: DocBlock[] = [{ kind: 'title', text: '预审结果' }, { kind: 'text', text: ctx.siteName, align: 'center' }, { kind: 'rule' }, { kind: 'field', label: '事项名称', value: d.itemName }];
  if (d.itemCode) blocks.push({ kind: 'field', label: '事项编码', value: d.itemCode });
  blocks.push({ kind: 'field', label: '预审结论', value: OUTCOME[d.outcome], bold: true });
  if (d.reasons.length) blocks.push({ kind: 'heading', text: '需要注意的条件' }, { kind: 'list', items: d.reasons, numbered: true });
  if (d.missingMaterials.length) blocks.push({ kind: 'heading', text: '尚缺的材料' }, { kind: 'list', items: d.missingMaterials, numbered: true });
  blocks.push({ kind: 'rule' }, { kind: 'heading', text: '办理地点' });
  for (const w of d.where) {
    blocks.push({ kind: 'text', text: w.place });
    if (w.address) blocks.push({ kind: 'field', label: '地址', value: w.address });
    if (w.hours) blocks.push({ kind: 'field', label: '时间', value: w.hours });
  }
  blocks.push(
    { kind: 'rule' },
    { kind: 'text', text: '本结果为自助预审，仅供参考，以受理部门审核为准。本终端暂不能预约办理时段，请在办理时间内前往。' },
    ...(d.note ? [{ kind: 'text' as const, text: d.note }] : []),
    { kind: 'qr', payload: d.guideUrl, caption: '扫码查看办事指南' },
    { kind: 'field', label: '咨询电话', value: d.phones.consultation },
    { kind: 'field', label: '监督电话', value: d.phones.supervision },
    { kind: 'field', label: '终端编号', value: ctx.terminalId },
    { kind: 'field', label: '打印时间', value: chinaTime(d.issuedAt) },
  );
  if (d.english) blocks.push(...englishPart(d, d.english));
  return { layout: 'precheckResult', blocks };
}

const OUTCOME_EN: Record<Data['outcome'], string> = {
  eligible: 'You appear to meet the conditions',
  ineligible: 'You appear not to meet the conditions',
  checkAtWindow: 'Some conditions must be confirmed at the window',
};

/** Below the Chinese, for a resident using English; a line the catalog has no English for points to its Chinese above. */
function englishPart(d: Data, en: NonNullable<Data['english']>): DocBlock[] {
  const lines = (items: (string | null)[]) => items.map((x, i) => x ?? `(see ${i + 1}. above, in Chinese)`);
  const blocks: DocBlock[] = [
    { kind: 'rule' },
    { kind: 'heading', text: 'Pre-check result' },
    { kind: 'field', label: 'Service', value: en.itemName },
    { kind: 'field', label: 'Result', value: OUTCOME_EN[d.outcome], bold: true },
  ];
  if (en.reasons.length) blocks.push({ kind: 'heading', text: 'Conditions to mind' }, { kind: 'list', items: lines(en.reasons), numbered: true });
  if (en.missingMaterials.length) blocks.push({ kind: 'heading', text: 'Materials still missing' }, { kind: 'list', items: lines(en.missingMaterials), numbered: true });
  blocks.push({
    kind: 'text',
    text: 'Where to go: the windows listed above (办理地点). This self-service pre-check is advice only; the department decides. Nothing has been submitted.',
  });
  return blocks;
}
