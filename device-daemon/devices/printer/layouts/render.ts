import type { DocBlock, ReceiptDoc } from './doc';
import { chinaTime } from './doc';
import { ReceiptWriter, type BuiltJob, type WriterProfile } from '../receipt-writer';
import { columnsFor, displayWidth, wrapText } from '../display-width';
import { qrMatrix } from '../qr-matrix';

export interface RenderOptions {
  /** A 补打 (reprint): marked at the top, with the time it was reprinted. */
  reprint?: { at: Date; of: string };
}

/** Doc → ESC/POS bytes for one printer profile: wraps by display width, sizes QR codes to the paper. */
export function renderDoc(doc: ReceiptDoc, profile: WriterProfile, opts: RenderOptions = {}): BuiltJob {
  const w = new ReceiptWriter(profile).begin();
  const cols = columnsFor(profile.paperWidthDots);
  const blocks = opts.reprint ? withReprintMark(doc.blocks, opts.reprint) : doc.blocks;
  for (const block of blocks) renderBlock(w, block, cols, profile);
  w.align('left').cut();
  return w.end().build();
}

function withReprintMark(blocks: DocBlock[], r: { at: Date; of: string }): DocBlock[] {
  const mark: DocBlock[] = [
    { kind: 'heading', text: '【补打】' },
    { kind: 'text', text: `补打时间：${chinaTime(r.at)}`, align: 'center' },
  ];
  const titleAt = blocks.findIndex((b) => b.kind === 'title');
  return titleAt < 0 ? [...mark, ...blocks] : [...blocks.slice(0, titleAt + 1), ...mark, ...blocks.slice(titleAt + 1)];
}

function renderBlock(w: ReceiptWriter, b: DocBlock, cols: number, profile: WriterProfile): void {
  switch (b.kind) {
    case 'title': {
      w.align('center').style({ width: 2, height: 2, bold: true });
      for (const line of wrapText(b.text, Math.floor(cols / 2))) w.line(line);
      w.style({ width: 1, height: 1, bold: false });
      return;
    }
    case 'heading':
      w.align('center').style({ bold: true });
      for (const line of wrapText(b.text, cols)) w.line(line);
      w.style({ bold: false });
      return;
    case 'text':
      w.align(b.align ?? 'left');
      if (b.bold) w.style({ bold: true });
      for (const line of wrapText(b.text, cols)) w.line(line);
      if (b.bold) w.style({ bold: false });
      return;
    case 'field': {
      w.align('left');
      if (b.bold) w.style({ bold: true });
      for (const line of fieldLines(b.label, b.value, cols)) w.line(line);
      if (b.bold) w.style({ bold: false });
      return;
    }
    case 'list': {
      w.align('left');
      b.items.forEach((item, i) => {
        const prefix = b.numbered ? `${i + 1}. ` : '· ';
        const indent = displayWidth(prefix);
        const lines = wrapText(item, cols - indent);
        for (const [j, l] of lines.entries()) w.line((j === 0 ? prefix : ' '.repeat(indent)) + l);
      });
      return;
    }
    case 'rule':
      w.align('left').line('-'.repeat(cols));
      return;
    case 'qr': {
      w.align('center');
      const modules = qrMatrix(b.payload, 'M').size;
      // About 40 % of the paper width: large enough for phone cameras, small enough to keep the receipt short.
      const moduleSize = Math.max(3, Math.min(8, Math.floor((profile.paperWidthDots * 0.4) / modules)));
      w.qr(b.payload, { moduleSize, ecc: 'M' });
      if (b.caption) for (const line of wrapText(b.caption, cols)) w.line(line);
      return;
    }
    case 'feed':
      w.feed(b.lines);
      return;
  }
}

/** "标签：值" lines; long values wrap under the value column, or start on their own line on narrow paper. */
function fieldLines(label: string, value: string, cols: number): string[] {
  const head = `${label}：`;
  const indent = displayWidth(head);
  // Codes and numbers are not split after the label: if the longest one does not fit beside it, the value goes below.
  const longest = Math.max(0, ...(value.match(/[\x21-\x7e]+/g) ?? []).map((t) => t.length));
  if (cols - indent >= 12 && longest <= cols - indent) {
    const lines = wrapText(value || '—', cols - indent);
    return lines.map((l, i) => (i === 0 ? head : ' '.repeat(indent)) + l);
  }
  return [head, ...wrapText(value || '—', cols - 2).map((l) => `  ${l}`)];
}
