import { describe, expect, it } from 'vitest';
import { EscposStreamParser, parseAll, type EscposOp } from '../../../../../device-daemon/devices/printer/emulator/escpos-parser';
import { PrinterEmulator } from '../../../../../device-daemon/devices/printer/emulator/printer-emulator';
import { renderCapture } from '../../../../../device-daemon/devices/printer/emulator/render-capture';
import * as cmd from '../../../../../device-daemon/devices/printer/escpos-commands';
import { seededRandom } from '../../../../helpers/prng';

const ops = (bytes: number[] | Buffer) => parseAll(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes)).map((o) => o.op);

describe('ESC/POS parser: every command the driver sends, by its documented length', () => {
  it('parses the command set', () => {
    const all = Buffer.concat([
      cmd.INIT,
      cmd.CHINESE_ON,
      cmd.charSize(2, 2),
      cmd.bold(true),
      cmd.underline(1),
      Buffer.from([0x1b, 0x61, 0x01]),
      cmd.lineSpacing(30),
      cmd.feedLines(2),
      cmd.feedDots(10),
      cmd.nativeQr('ABC'),
      Buffer.from([0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x02, 0x00, 0xff, 0x00]),
      cmd.pulse(2, 100, 200),
      cmd.autoStatusBack(0x0f),
      cmd.realtimeStatus(1),
      cmd.realtimeRecover(2),
      cmd.cut('partial', true, 0),
      cmd.cut('full'),
      cmd.TRANSMIT_PAPER_STATUS,
      cmd.CHINESE_OFF,
    ]);
    expect(ops(all)).toEqual([
      'init',
      'chinese',
      'size',
      'bold',
      'underline',
      'underline',
      'align',
      'lineSpacing',
      'feedLines',
      'feedDots',
      'qr',
      'qr',
      'qr',
      'qr',
      'qr',
      'raster',
      'pulse',
      'asb',
      'realtimeStatus',
      'realtimeRecover',
      'cut',
      'cut',
      'transmitStatus',
      'chinese',
    ]);
  });
  it('QR store keeps the payload bytes', () => {
    const store = parseAll(cmd.nativeQr('https://x.cn/?a=1')).find((o): o is Extract<EscposOp, { op: 'qr' }> => o.op === 'qr' && o.fn === 0x50)!;
    expect(store.params.subarray(1).toString()).toBe('https://x.cn/?a=1');
  });
  it('skips known commands it does not render by their length (ESC * , GS k, FS q, ESC ( …)', () => {
    expect(ops([0x1b, 0x2a, 0x21, 0x02, 0x00, 1, 2, 3, 4, 5, 6, 0x41])).toEqual(['bitImage', 'text']);
    expect(ops([0x1d, 0x6b, 0x49, 0x03, 0x41, 0x42, 0x43, 0x44])).toEqual(['ignored', 'text']);
    expect(ops([0x1d, 0x6b, 0x04, 0x41, 0x42, 0x00, 0x44])).toEqual(['ignored', 'text']);
    expect(ops([0x1b, 0x28, 0x41, 0x02, 0x00, 0x30, 0x31, 0x44])).toEqual(['ignored', 'text']);
    expect(ops([0x1d, 0x38, 0x4c, 0x02, 0x00, 0x00, 0x00, 0x30, 0x70, 0x44])).toEqual(['graphics', 'text']);
  });
  it('flags Star ESC 4/5 and escpos legacy QR', () => {
    const out = parseAll(Buffer.from([0x1b, 0x34, 0x1b, 0x35]));
    expect(out.map((o) => o.op)).toEqual(['unknown', 'unknown']);
    const r = renderCapture(Buffer.from([0x1b, 0x40, 0x1d, 0x5a, 0x02, 0x1b, 0x5a, 0x03, 0x4c, 0x06, 0x03, 0x00, 0x41, 0x42, 0x43, 0x0a]));
    expect(r.pages[0]!.qr).toEqual([]);
    expect(r.pages[0]!.warnings.join()).toMatch(/legacy QR/);
  });
  it('reports unknown and truncated commands without stopping', () => {
    expect(parseAll(Buffer.from([0x1b, 0x99, 0x41]))).toMatchObject([{ op: 'unknown' }, { op: 'text' }]);
    const truncated = parseAll(Buffer.from([0x41, 0x1d, 0x28, 0x6b, 0x10, 0x00, 0x31]));
    expect(truncated).toMatchObject([{ op: 'text' }, { op: 'unknown', reason: expect.stringMatching(/truncated/) }]);
  });
  it('does not wait for absurd declared lengths', () => {
    expect(parseAll(Buffer.from([0x1d, 0x76, 0x30, 0x00, 0xff, 0xff, 0xff, 0xff, 0x41]))).toMatchObject([{ op: 'unknown', reason: expect.stringMatching(/too large/) }, { op: 'text' }]);
  });
  it('streaming: a command and a GB code split across chunks parse the same', () => {
    const bytes = Buffer.concat([cmd.INIT, cmd.CHINESE_ON, Buffer.from([0xca, 0xdc, 0xc0, 0xed, 0x0a]), cmd.nativeQr('ABC'), cmd.cut('partial')]);
    for (let split = 1; split < bytes.length; split++) {
      const emu = new PrinterEmulator({ encoding: 'GB18030', paperWidthDots: 576, nativeQr: true, autoStatusBack: false, nearEndSensor: true });
      emu.receive(bytes.subarray(0, split));
      emu.receive(bytes.subarray(split));
      const page = emu.lastJobs(1)[0]!;
      expect(page.lines).toEqual(['受理']);
      expect(page.qr).toEqual(['ABC']);
      emu.dispose();
    }
  });
});

describe('fuzz: random bytes never throw out of the parser or the emulator, and never hang', () => {
  it('500 seeded inputs, random chunking, biased towards command prefixes', () => {
    const prefixes = [0x1b, 0x1d, 0x1c, 0x10, 0x0a, 0x28, 0x6b, 0x76, 0x30, 0x04, 0x05];
    const started = Date.now();
    let opsSeen = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const r = seededRandom(seed);
      const len = Math.floor(r() * 600);
      const buf = Buffer.alloc(len);
      for (let i = 0; i < len; i++) buf[i] = r() < 0.3 ? prefixes[Math.floor(r() * prefixes.length)]! : Math.floor(r() * 256);
      try {
        const parser = new EscposStreamParser();
        const emu = new PrinterEmulator({ encoding: seed % 2 ? 'GBK' : 'GB18030', paperWidthDots: 384, nativeQr: seed % 3 !== 0, autoStatusBack: true, nearEndSensor: true });
        for (let pos = 0; pos < len; ) {
          const n = 1 + Math.floor(r() * 64);
          const chunk = buf.subarray(pos, pos + n);
          opsSeen += parser.push(chunk).length;
          emu.receive(chunk);
          pos += n;
        }
        opsSeen += parser.end().length;
        emu.flushPage();
        emu.dispose();
      } catch (err) {
        throw new Error(`seed ${seed} threw: ${(err as Error).stack}`);
      }
    }
    expect(opsSeen).toBeGreaterThan(10_000);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
