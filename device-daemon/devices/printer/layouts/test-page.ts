import type { z } from 'zod';
import type { TestPageData } from '../../../../contract/api/printer';
import { chinaTime, type DocBlock, type LayoutContext, type ReceiptDoc } from './doc';
import type { WriterProfile } from '../receipt-writer';
import { columnsFor } from '../display-width';

type Data = z.output<typeof TestPageData> & {
  status: string;
  profile: WriterProfile & { nearEndSensor: boolean; autoStatusBack: boolean };
  transport: string;
};

/** The line every Chinese-firmware printer must get right: 中文 and the full-width ￥ (A3 A4). */
export const ENCODING_TEST_LINE = '中文打印测试 金额：￥1,234.50';

/** Test page: what the technician checks after installing paper or a printer. */
export function testPage(d: Data, ctx: LayoutContext): ReceiptDoc {
  const cols = columnsFor(d.profile.paperWidthDots);
  const ruler = '1234567890'.repeat(Math.ceil(cols / 10)).slice(0, cols);
  const blocks: DocBlock[] = [
    { kind: 'title', text: '打印测试页' },
    { kind: 'text', text: ctx.siteName, align: 'center' },
    { kind: 'rule' },
    { kind: 'field', label: '状态', value: d.status },
    { kind: 'field', label: '连接', value: d.transport },
    { kind: 'field', label: '纸宽', value: `${d.profile.paperWidthDots}点（${d.profile.paperWidthDots === 576 ? '80' : '58'}mm，${cols}列）` },
    { kind: 'field', label: '编码', value: d.profile.encoding },
    { kind: 'field', label: '二维码', value: d.profile.nativeQr ? '原生（GS ( k）' : '光栅图像' },
    { kind: 'field', label: '切刀', value: d.profile.cut === 'full' ? '全切' : '半切' },
    { kind: 'field', label: '近纸尽传感器', value: d.profile.nearEndSensor ? '有' : '无' },
    { kind: 'field', label: '自动状态回传', value: d.profile.autoStatusBack ? '开启（GS a）' : '轮询（DLE EOT）' },
    { kind: 'rule' },
    { kind: 'text', text: ENCODING_TEST_LINE },
    { kind: 'text', text: ruler },
    { kind: 'text', text: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789' },
    { kind: 'qr', payload: `https://zwfw.example.gov.cn/kiosk-test?t=${encodeURIComponent(ctx.terminalId)}`, caption: '二维码测试：手机扫码应打开测试地址' },
  ];
  if (d.note) blocks.push({ kind: 'text', text: d.note });
  blocks.push({ kind: 'field', label: '终端编号', value: ctx.terminalId }, { kind: 'field', label: '打印时间', value: chinaTime(ctx.now) });
  return { layout: 'testPage', blocks };
}
