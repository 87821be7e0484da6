import { describe, expect, it } from 'vitest';
import * as cmd from '../../../../device-daemon/devices/printer/escpos-commands';
import { ReceiptWriter, type WriterProfile } from '../../../../device-daemon/devices/printer/receipt-writer';

const hex = (b: Buffer) => b.toString('hex').match(/../g)!.join(' ');
const P80: WriterProfile = { paperWidthDots: 576, encoding: 'GB18030', nativeQr: true, cut: 'partial' };

/** Bytes one writer call adds after begin() (ESC @ FS &). */
function bytesOf(call: (w: ReceiptWriter) => void, profile: WriterProfile = P80): string {
  const w = new ReceiptWriter(profile).begin();
  call(w);
  const all = w.build().bytes;
  // strip the 4-byte prologue and the GS r 1 epilogue build() appends
  return hex(all.subarray(4, all.length - 3));
}

describe('commands we emit ourselves (exact bytes)', () => {
  it('init, Chinese mode on/off, code table', () => {
    expect(hex(cmd.INIT)).toBe('1b 40');
    expect(hex(cmd.CHINESE_ON)).toBe('1c 26');
    expect(hex(cmd.CHINESE_OFF)).toBe('1c 2e');
    expect(hex(cmd.codeTable(0))).toBe('1b 74 00');
  });
  it('GS ! size for ASCII and Chinese, clamped 1..8', () => {
    expect(hex(cmd.charSize(1, 1))).toBe('1d 21 00');
    expect(hex(cmd.charSize(2, 2))).toBe('1d 21 11');
    expect(hex(cmd.charSize(2, 1))).toBe('1d 21 10');
    expect(hex(cmd.charSize(1, 3))).toBe('1d 21 02');
    expect(hex(cmd.charSize(9, 0))).toBe('1d 21 70');
  });
  it('ESC E bold (never the Star ESC 4/5 escpos style() sends)', () => {
    expect(hex(cmd.bold(true))).toBe('1b 45 01');
    expect(hex(cmd.bold(false))).toBe('1b 45 00');
  });
  it('underline for ASCII (ESC -) and Chinese (FS -)', () => {
    expect(hex(cmd.underline(1))).toBe('1b 2d 01 1c 2d 01');
  });
  it('line spacing, feeds', () => {
    expect(hex(cmd.lineSpacing(30))).toBe('1b 33 1e');
    expect(hex(cmd.lineSpacing(null))).toBe('1b 32');
    expect(hex(cmd.feedLines(3))).toBe('1b 64 03');
    expect(hex(cmd.feedDots(24))).toBe('1b 4a 18');
  });
  it('native QR: GS ( k model 2, module size, EC level M, store with byte length + 3, print', () => {
    expect(hex(cmd.nativeQr('ABC', { moduleSize: 6, ecc: 'M' }))).toBe(
      '1d 28 6b 04 00 31 41 32 00 1d 28 6b 03 00 31 43 06 1d 28 6b 03 00 31 45 31 1d 28 6b 06 00 31 50 30 41 42 43 1d 28 6b 03 00 31 51 30',
    );
  });
  it('QR store length counts bytes, not UTF-16 units (the escpos qrcode() bug)', () => {
    const b = cmd.nativeQr('评价码');
    const store = b.indexOf(Buffer.from([0x1d, 0x28, 0x6b]), 20);
    expect(b[store + 3]! + b[store + 4]! * 256).toBe(9 + 3);
  });
  it('QR store length above 255 uses pH', () => {
    const b = cmd.nativeQr('x'.repeat(300));
    expect(hex(b.subarray(25, 33))).toBe('1d 28 6b 2f 01 31 50 30');
    expect(() => cmd.nativeQr('')).toThrow(RangeError);
    expect(() => cmd.nativeQr('x'.repeat(cmd.QR_MAX_DATA + 1))).toThrow(RangeError);
  });
  it('ESC p m t1 t2 is always 5 bytes', () => {
    expect(hex(cmd.pulse(2, 50, 500))).toBe('1b 70 00 19 fa');
    expect(hex(cmd.pulse(5, 100, 200))).toBe('1b 70 01 32 64');
  });
  it('cuts', () => {
    expect(hex(cmd.cut('full'))).toBe('1d 56 00');
    expect(hex(cmd.cut('partial'))).toBe('1d 56 01');
    expect(hex(cmd.cut('full', true, 0))).toBe('1d 56 41 00');
    expect(hex(cmd.cut('partial', true, 10))).toBe('1d 56 42 0a');
  });
  it('status and completion: GS a, GS r 1, DLE EOT n, DLE ENQ n', () => {
    expect(hex(cmd.autoStatusBack(cmd.ASB_ALL))).toBe('1d 61 0f');
    expect(hex(cmd.autoStatusBack(0))).toBe('1d 61 00');
    expect(hex(cmd.TRANSMIT_PAPER_STATUS)).toBe('1d 72 31');
    expect([1, 2, 3, 4].map((n) => hex(cmd.realtimeStatus(n as 1)))).toEqual(['10 04 01', '10 04 02', '10 04 03', '10 04 04']);
    expect(hex(cmd.realtimeRecover(2))).toBe('10 05 02');
  });
  it('GS v 0 raster band', () => {
    expect(hex(cmd.rasterBand(2, 1, Buffer.from([0xf0, 0x0f])))).toBe('1d 76 30 00 02 00 01 00 f0 0f');
    expect(hex(cmd.rasterBand(300, 1, Buffer.alloc(300)).subarray(0, 8))).toBe('1d 76 30 00 2c 01 01 00');
    expect(() => cmd.rasterBand(2, 2, Buffer.alloc(3))).toThrow(RangeError);
  });
  it('refuses out-of-range parameters', () => {
    expect(() => cmd.feedLines(256)).toThrow(RangeError);
    expect(() => cmd.pulse(2, 600, 0)).toThrow(RangeError);
  });
});

describe('ReceiptWriter (escpos 2.5.2 for init/text/align/cut, ours for the rest)', () => {
  it('every job starts ESC @ then FS &, and ends with GS r 1', () => {
    const b = new ReceiptWriter(P80).begin().build().bytes;
    expect(hex(b)).toBe('1b 40 1c 26 1d 72 31');
  });
  it('alignment via escpos', () => {
    expect(bytesOf((w) => w.align('left'))).toBe('1b 61 00');
    expect(bytesOf((w) => w.align('center'))).toBe('1b 61 01');
    expect(bytesOf((w) => w.align('right'))).toBe('1b 61 02');
  });
  it('style: GS ! then ESC E', () => {
    expect(bytesOf((w) => w.style({ width: 2, height: 2, bold: true }))).toBe('1d 21 11 1b 45 01');
  });
  it('GB18030 text line', () => {
    expect(bytesOf((w) => w.line('受理回执'))).toBe('ca dc c0 ed bb d8 d6 b4 0a');
  });
  it('GB18030 keeps ¥ as its four-byte code; GBK substitutes the full-width ￥ (A3 A4)', () => {
    expect(bytesOf((w) => w.line('¥1'))).toBe('81 30 84 36 31 0a');
    expect(bytesOf((w) => w.line('¥1'), { ...P80, encoding: 'GBK' })).toBe('a3 a4 31 0a');
  });
  it('control characters in data never reach the printer', () => {
    expect(bytesOf((w) => w.line('A\x1b@\x10\x04\x01B'))).toBe('41 40 42 0a');
  });
  it('native QR goes through GS ( k', () => {
    expect(bytesOf((w) => w.qr('ABC', { moduleSize: 6 }))).toBe(hex(cmd.nativeQr('ABC', { moduleSize: 6, ecc: 'M' })));
  });
  it('raster QR fallback: GS v 0 bands of at most 255 rows', () => {
    const w = new ReceiptWriter({ ...P80, nativeQr: false }).begin();
    w.qr('https://zwfw.example.gov.cn/hcp?case=WD0001-20250612-00042-K', { moduleSize: 6 });
    const b = w.build().bytes;
    let pos = 4;
    let rows = 0;
    while (b[pos] === 0x1d && b[pos + 1] === 0x76) {
      expect(b[pos + 2]).toBe(0x30);
      expect(b[pos + 3]).toBe(0x00);
      const x = b[pos + 4]! + b[pos + 5]! * 256;
      const y = b[pos + 6]! + b[pos + 7]! * 256;
      expect(y).toBeLessThanOrEqual(255);
      rows += y;
      pos += 8 + x * y;
    }
    expect(rows).toBe((33 + 8) * 6); // version 4 symbol + 4-module quiet zone each side
    expect(hex(b.subarray(pos))).toBe('1d 72 31');
  });
  it('cut via escpos: line feeds then GS V (partial or full per profile)', () => {
    expect(bytesOf((w) => w.cut())).toBe('0a 0a 0a 0a 1d 56 01');
    expect(bytesOf((w) => w.cut(), { ...P80, cut: 'full' })).toBe('0a 0a 0a 0a 1d 56 00');
  });
  it('pulse through the writer is the full 5-byte ESC p', () => {
    expect(bytesOf((w) => w.pulse(2, 100, 200))).toBe('1b 70 00 32 64');
  });
  it('feed via escpos', () => {
    expect(bytesOf((w) => w.feed(2))).toBe('0a 0a');
  });
  it('safe points fall between commands', () => {
    const job = new ReceiptWriter(P80).begin().line('一').qr('ABC').cut().build();
    expect(job.safePoints).toEqual([4, 7, 51, 58]);
  });
});
