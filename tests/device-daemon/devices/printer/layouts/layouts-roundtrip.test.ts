import { describe, expect, it } from 'vitest';
import { PrintRequest, LAYOUT_NAMES } from '../../../../../contract/api/printer';
import { SAMPLES, buildDoc, renderDoc, type LayoutEnv } from '../../../../../device-daemon/devices/printer/layouts';
import { renderCapture } from '../../../../../device-daemon/devices/printer/emulator/render-capture';
import { ENCODING_TEST_LINE } from '../../../../../device-daemon/devices/printer/layouts/test-page';
import { pageToSvg } from '../../../../../device-daemon/devices/printer/emulator/svg';
import { qrBitmap, qrMatrix } from '../../../../../device-daemon/devices/printer/qr-matrix';
import { displayWidth, wrapText } from '../../../../../device-daemon/devices/printer/display-width';
import { printableText } from '../../../../../device-daemon/devices/printer/text-encoding';
import type { WriterProfile } from '../../../../../device-daemon/devices/printer/receipt-writer';

type Profile = WriterProfile & { nearEndSensor: boolean; autoStatusBack: boolean };
const profiles: Profile[] = [576, 384].flatMap((w) =>
  (['GB18030', 'GBK'] as const).flatMap((encoding) =>
    [true, false].map((nativeQr) => ({ paperWidthDots: w as 576 | 384, encoding, nativeQr, cut: 'partial' as const, nearEndSensor: true, autoStatusBack: false })),
  ),
);
const env = (profile: Profile): LayoutEnv => ({
  ctx: { siteName: '东安路街道党政综合便民服务中心', terminalId: 'WD0001', now: new Date('2025-06-12T08:00:00Z') },
  links: {
    progressUrlTemplate: 'https://zwfw.example.gov.cn/progress?case={caseNo}',
    evaluationUrlTemplate: 'https://zwfw.example.gov.cn/hcp?case={caseNo}',
    guideUrlTemplate: 'https://zwfw.example.gov.cn/guide/{itemCode}',
  },
  phones: { consultation: '0375-12345', supervision: '12345' },
  printer: { status: 'online', transport: 'test', profile },
});

/** What the layout meant to print, taken from the doc itself (the test's expectation, independent of the bytes). */
function expectedQr(name: (typeof LAYOUT_NAMES)[number], profile: Profile): string[] {
  return buildDoc(PrintRequest.parse(SAMPLES[name]), env(profile)).blocks.flatMap((b) => (b.kind === 'qr' ? [b.payload] : []));
}

describe('layouts → bytes → emulator → same text and QR', () => {
  for (const profile of profiles) {
    const tag = `${profile.paperWidthDots} dots ${profile.encoding} ${profile.nativeQr ? 'native' : 'raster'} QR`;
    for (const name of LAYOUT_NAMES) {
      it(`${name} on ${tag}`, () => {
        const doc = buildDoc(PrintRequest.parse(SAMPLES[name]), env(profile));
        const job = renderDoc(doc, profile);
        const { pages, truncated } = renderCapture(job.bytes, profile);
        expect(truncated).toBeUndefined();
        expect(pages).toHaveLength(1);
        const page = pages[0]!;
        expect(page.unknown).toEqual([]);
        // No wrapping on the printer, no garbage, Chinese mode selected: the layout fits this paper.
        expect(page.warnings.filter((w) => !w.includes('no native QR'))).toEqual([]);
        expect(page.cuts).toBe(1);
        const cols = profile.paperWidthDots / 12;
        for (const item of page.items) if (item.kind === 'text') expect(displayWidth(item.text) * Math.max(...item.runs.map((r) => r.width))).toBeLessThanOrEqual(cols);
        // The text the doc holds is exactly what came out, in order.
        const text = page.lines.join('').replace(/\s+/g, '');
        for (const b of doc.blocks) {
          if (b.kind === 'field') expect(text).toContain(printableText(b.value, profile.encoding).text.replace(/\s+/g, ''));
          if (b.kind === 'title') expect(text).toContain(b.text);
        }
        if (profile.nativeQr) expect(page.qr).toEqual(expectedQr(name, profile));
        else {
          // Raster: the printed bitmap equals the QR symbol of the intended payload.
          const images = page.items.filter((i) => i.kind === 'image');
          const payloads = expectedQr(name, profile);
          expect(images).toHaveLength(payloads.length);
          images.forEach((img, i) => {
            if (img.kind !== 'image') return;
            const m = qrMatrix(payloads[i]!, 'M');
            const side = img.heightDots;
            const moduleDots = side / (m.size + 8);
            const pad = Math.floor((profile.paperWidthDots - side) / 2);
            expect(Buffer.from(img.data, 'base64').equals(qrBitmap(m, moduleDots, pad).data)).toBe(true);
          });
        }
        // The writer's paper estimate is what the emulator measured.
        expect(page.paperMm).toBeCloseTo(job.paperDots / 8, 0);
        expect(pageToSvg(page)).toMatch(/^<svg[\s\S]*<\/svg>$/);
      });
    }
  }

  it('personal data is masked on paper', () => {
    const p = profiles[0]!;
    const all = LAYOUT_NAMES.map((n) => renderCapture(renderDoc(buildDoc(PrintRequest.parse(SAMPLES[n]), env(p)), p).bytes, p).pages[0]!.lines.join('\n')).join('\n');
    for (const secret of ['410403195803120023', '410403199011020030', '林晓禾', '13800138000', '13900139000']) expect(all).not.toContain(secret);
    expect(all).toContain('4104**********0023');
    expect(all).toContain('林**');
    expect(all).toContain('138****8000');
  });

  it('acceptance receipt says 预计 when the promised date is provisional, and not otherwise', () => {
    const p = profiles[0]!;
    const lines = (provisional: boolean) => {
      const req = PrintRequest.parse({ ...SAMPLES.acceptanceReceipt, data: { ...SAMPLES.acceptanceReceipt.data, promisedProvisional: provisional } });
      return renderCapture(renderDoc(buildDoc(req, env(p)), p).bytes, p).pages[0]!.lines.join('\n');
    };
    expect(lines(true)).toMatch(/预计办结：2025-06-26（预计/);
    expect(lines(false)).toMatch(/承诺办结：2025-06-26\n/);
  });

  it('a complaint receipt carries the evaluation QR of its number, as the acceptance receipt does of its case', () => {
    for (const p of profiles.filter((x) => x.nativeQr)) {
      const page = (name: 'complaintReceipt' | 'acceptanceReceipt') => renderCapture(renderDoc(buildDoc(PrintRequest.parse(SAMPLES[name]), env(p)), p).bytes, p).pages[0]!;
      const complaint = page('complaintReceipt');
      expect(complaint.qr).toContain(`https://zwfw.example.gov.cn/hcp?case=${SAMPLES.complaintReceipt.data.complaintNo}`);
      expect(complaint.lines).toContain('扫码评价本次服务（好差评）');
      expect(page('acceptanceReceipt').qr).toContain(`https://zwfw.example.gov.cn/hcp?case=${SAMPLES.acceptanceReceipt.data.caseNo}`);
    }
  });

  it('a reprint is marked 补打 under the title', () => {
    const p = profiles[0]!;
    const job = renderDoc(buildDoc(PrintRequest.parse(SAMPLES.complaintReceipt), env(p)), p, { reprint: { at: new Date('2025-06-12T09:00:00Z'), of: 'pj-x' } });
    const lines = renderCapture(job.bytes, p).pages[0]!.lines;
    expect(lines.slice(0, 3)).toEqual(['投诉受理回执', '【补打】', '补打时间：2025-06-12 17:00']);
  });

  it('test page prints 中文 and the full-width ￥ intact on both encodings', () => {
    for (const p of profiles.slice(0, 2)) {
      const lines = renderCapture(renderDoc(buildDoc({ layout: 'testPage', data: {} }, env(p)), p).bytes, p).pages[0]!.lines;
      expect(lines).toContain(ENCODING_TEST_LINE);
      expect(lines.some((l) => l.includes(p.encoding))).toBe(true);
    }
  });
});

describe('GBK versus GB18030 printers', () => {
  it('GBK firmware prints GB18030 four-byte codes as garbage, and the emulator says so', () => {
    const bytes = Buffer.concat([Buffer.from([0x1b, 0x40, 0x1c, 0x26]), Buffer.from([0x81, 0x30, 0x84, 0x36, 0x0a])]);
    const gbk = renderCapture(bytes, { encoding: 'GBK' }).pages[0]!;
    expect(gbk.lines[0]).not.toContain('¥');
    expect(gbk.warnings.join()).toMatch(/four-byte/);
    expect(renderCapture(bytes, { encoding: 'GB18030' }).pages[0]!.lines[0]).toBe('¥');
  });
  it('a GBK profile replaces what GBK cannot print with a visible substitute', () => {
    expect(printableText('¥5 • 😀 中文 䶮', 'GBK')).toEqual({ text: '￥5 · ？ 中文 䶮', replaced: ['¥', '•', '😀'] });
    expect(printableText('¥5 😀', 'GB18030').text).toBe('¥5 😀');
  });
  it('without FS & the printer shows code-page garbage, and the emulator warns', () => {
    const page = renderCapture(Buffer.from([0x1b, 0x40, 0xca, 0xdc, 0x0a])).pages[0]!;
    expect(page.lines[0]).not.toBe('受');
    expect(page.warnings.join()).toMatch(/FS &/);
  });
});

describe('wrapping by display width', () => {
  it('full-width counts 2, ASCII 1', () => {
    expect(displayWidth('受理ABC￥')).toBe(2 + 2 + 3 + 2);
  });
  it('wraps Chinese at the column limit and keeps closing punctuation off the line start', () => {
    expect(wrapText('一二三四五，六', 10)).toEqual(['一二三四', '五，六']);
    expect(wrapText('一二三四五六七八九十', 10)).toEqual(['一二三四五', '六七八九十']);
  });
  it('keeps ASCII words whole when it can and splits only overlong ones', () => {
    expect(wrapText('call 0375-12345 now', 12)).toEqual(['call', '0375-12345', 'now']);
    expect(wrapText('ABCDEFGHIJKLMN', 6)).toEqual(['ABCDEF', 'GHIJKL', 'MN']);
  });
});
