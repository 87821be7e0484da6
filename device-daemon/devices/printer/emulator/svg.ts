import type { PageItem, RenderedPage } from './page-interpreter';
import { ASCII_DOTS, displayWidth } from '../display-width';
import { qrMatrix } from '../qr-matrix';

const MARGIN = 16;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Draw a rendered page as SVG at one pixel per printer dot: text at its
 * styled size and alignment, QR symbols redrawn from their payload, raster
 * images bit for bit, cuts as dashed lines. Opens in any browser.
 */
export function pageToSvg(page: RenderedPage): string {
  const width = page.paperWidthDots;
  const height = Math.max(40, page.paperDots + 40);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width + 2 * MARGIN}" height="${height + 2 * MARGIN}" viewBox="0 0 ${width + 2 * MARGIN} ${height + 2 * MARGIN}">`,
    `<rect width="100%" height="100%" fill="#e8e8e8"/>`,
    `<rect x="${MARGIN}" y="${MARGIN}" width="${width}" height="${height}" fill="#fff"/>`,
    `<g transform="translate(${MARGIN},${MARGIN})" font-family="'Noto Sans Mono CJK SC','Noto Sans CJK SC','WenQuanYi Zen Hei Mono',monospace" fill="#000">`,
  ];
  for (const item of page.items) out.push(drawItem(item, width));
  if (page.incomplete) out.push(`<text x="${width / 2}" y="${page.paperDots + 28}" text-anchor="middle" font-size="20" fill="#c00">— 打印中断（缺纸/开盖/清除缓冲）—</text>`);
  out.push('</g></svg>');
  return out.join('\n');
}

function xFor(align: string, contentWidth: number, paper: number): number {
  if (align === 'center') return Math.max(0, Math.floor((paper - contentWidth) / 2));
  if (align === 'right') return Math.max(0, paper - contentWidth);
  return 0;
}

function drawItem(item: PageItem, paper: number): string {
  switch (item.kind) {
    case 'text': {
      const total = item.runs.reduce((w, r) => w + displayWidth(r.text) * ASCII_DOTS * r.width, 0);
      let x = xFor(item.align, total, paper);
      const parts: string[] = [];
      for (const r of item.runs) {
        const w = displayWidth(r.text) * ASCII_DOTS * r.width;
        if (w === 0) continue;
        const size = 24 * r.height;
        const y = item.y + item.height - Math.round(size * 0.18);
        if (r.reverse) parts.push(`<rect x="${x}" y="${item.y}" width="${w}" height="${item.height}" fill="#000"/>`);
        parts.push(
          `<text x="${x}" y="${y}" font-size="${size}" textLength="${w}" lengthAdjust="spacingAndGlyphs"${r.bold ? ' font-weight="bold"' : ''}${r.underline ? ' text-decoration="underline"' : ''}${r.reverse ? ' fill="#fff"' : ''} xml:space="preserve">${esc(r.text)}</text>`,
        );
        x += w;
      }
      return parts.join('');
    }
    case 'qr': {
      let m: ReturnType<typeof qrMatrix>;
      try {
        m = qrMatrix(item.payload, item.ecc as 'M');
      } catch {
        return '';
      }
      const s = item.moduleSize;
      const x0 = xFor(item.align, m.size * s, paper);
      let d = '';
      for (let y = 0; y < m.size; y++) for (let x = 0; x < m.size; x++) if (m.dark(x, y)) d += `M${x0 + x * s} ${item.y + y * s}h${s}v${s}h-${s}z`;
      return `<path d="${d}"/><title>${esc(item.payload)}</title>`;
    }
    case 'image': {
      if (!item.widthBytes) return `<rect x="0" y="${item.y}" width="${item.widthDots}" height="${item.height}" fill="#888"/>`;
      const data = Buffer.from(item.data, 'base64');
      const sy = item.height / item.heightDots;
      const x0 = xFor(item.align, item.widthDots, paper);
      let d = '';
      for (let y = 0; y < item.heightDots; y++) {
        let run = -1;
        for (let x = 0; x <= item.widthDots; x++) {
          const on = x < item.widthDots && ((data[y * item.widthBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
          if (on && run < 0) run = x;
          if (!on && run >= 0) {
            d += `M${x0 + run} ${item.y + y * sy}h${x - run}v${sy}h-${x - run}z`;
            run = -1;
          }
        }
      }
      return `<path d="${d}"/>`;
    }
    case 'cut':
      return `<line x1="0" x2="${paper}" y1="${item.y + 4}" y2="${item.y + 4}" stroke="#999" stroke-dasharray="8 6"/><text x="${paper - 4}" y="${item.y + 2}" font-size="14" text-anchor="end" fill="#999">${item.full ? '全切' : '半切'} ✂</text>`;
    case 'feed':
    case 'pulse':
      return '';
  }
}
