import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EscposStreamParser, parseAll, type EscposOp } from '../../../../../device-daemon/devices/printer/emulator/escpos-parser';
import { PrinterEmulator } from '../../../../../device-daemon/devices/printer/emulator/printer-emulator';
import * as cmd from '../../../../../device-daemon/devices/printer/escpos-commands';
import { chunked, cutPoints, fuzzParams, fuzzTimeoutMs } from '../../../../helpers/fuzz';

// Property-based fuzzing of the printer's device side: the ESC/POS parser and
// the emulator behind it, fed random bytes biased towards command prefixes and
// the commands the driver really sends, cut anywhere. The parser is total (it
// never throws), reads the same commands however the bytes are split, and
// gives back text exactly; the emulator swallows anything without throwing.

/** Bytes that start or continue commands (ESC, GS, FS, DLE, LF and common parameters), so commands are formed, not just noise. */
const PREFIXES = [0x1b, 0x1d, 0x1c, 0x10, 0x0a, 0x00, 0x28, 0x6b, 0x76, 0x30, 0x04, 0x05, 0x21, 0x40, 0x56];
/** The commands the driver sends, each with generated parameters. */
const u8 = fc.nat({ max: 255 });
const driverCommand = fc.oneof(
  fc.constantFrom(cmd.INIT, cmd.CHINESE_ON, cmd.CHINESE_OFF, cmd.TRANSMIT_PAPER_STATUS),
  fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })).map(([w, h]) => cmd.charSize(w, h)),
  fc.boolean().map(cmd.bold),
  fc.constantFrom<0 | 1 | 2>(0, 1, 2).map(cmd.underline),
  fc.option(u8).map(cmd.lineSpacing),
  u8.map(cmd.feedLines),
  u8.map(cmd.feedDots),
  fc.string({ minLength: 1, maxLength: 120 }).map((q) => cmd.nativeQr(q)),
  fc
    .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 4 }))
    .chain(([w, r]) => fc.uint8Array({ minLength: w * r, maxLength: w * r }).map((data) => cmd.rasterBand(w, r, Buffer.from(data)))),
  fc.tuple(fc.constantFrom<2 | 5>(2, 5), u8, u8).map(([pin, on, off]) => cmd.pulse(pin, on, off)),
  u8.map(cmd.autoStatusBack),
  fc.constantFrom<1 | 2 | 3 | 4>(1, 2, 3, 4).map(cmd.realtimeStatus),
  fc.constantFrom<1 | 2>(1, 2).map(cmd.realtimeRecover),
  fc.tuple(fc.constantFrom<'full' | 'partial'>('full', 'partial'), fc.boolean(), u8).map(([kind, feed, n]) => cmd.cut(kind, feed, n)),
);
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...PREFIXES), { minLength: 1, maxLength: 6 }).map((a) => Uint8Array.from(a)) },
  { weight: 2, arbitrary: driverCommand.map((b) => Uint8Array.from(b)) },
  // a length field forged to large values after a command that carries data (GS ( k, GS v 0, ESC *)
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom([0x1d, 0x28, 0x6b], [0x1d, 0x76, 0x30, 0x00], [0x1b, 0x2a, 0x21]), fc.uint8Array({ minLength: 2, maxLength: 4 }))
      .map(([h, l]) => Uint8Array.from([...h, ...l])),
  },
);
const escposBytes = fc.array(piece, { maxLength: 40 }).map((parts) => Buffer.concat(parts));

/** The ops with adjacent text runs merged (a chunk boundary may cut a run of text in two) and buffers as hex. */
function normalise(ops: EscposOp[]): unknown[] {
  const out: Array<Record<string, unknown>> = [];
  for (const o of ops) {
    const prev = out.at(-1);
    if (o.op === 'text' && prev?.op === 'text') {
      prev.hex = `${prev.hex as string}${o.bytes.toString('hex')}`;
      continue;
    }
    out.push(Object.fromEntries(Object.entries(o).map(([k, v]) => [k === 'bytes' ? 'hex' : k, Buffer.isBuffer(v) ? v.toString('hex') : v])));
  }
  return out;
}

describe('ESC/POS parser and emulator under property-based fuzzing', () => {
  it(
    'any bytes, any split: never throws, the same commands as reading them whole, nothing held after end()',
    () => {
      fc.assert(
        fc.property(escposBytes, cutPoints, (buf, cuts) => {
          const whole = parseAll(buf);
          const p = new EscposStreamParser();
          const streamed = chunked(buf, cuts).flatMap((c) => p.push(c));
          streamed.push(...p.end());
          expect(p.held).toBe(0);
          expect(normalise(streamed)).toEqual(normalise(whole));
        }),
        fuzzParams('escpos-split', 0.4),
      );
    },
    fuzzTimeoutMs(2),
  );

  it(
    'printable bytes come back as text, byte for byte',
    () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 400 }).map((u) => Buffer.from(u.map((b) => 0x20 + (b % 0xe0)))),
          (text) => {
            const ops = parseAll(text);
            expect(ops.every((o) => o.op === 'text')).toBe(true);
            expect(Buffer.concat(ops.map((o) => (o as { bytes: Buffer }).bytes))).toEqual(text);
          },
        ),
        fuzzParams('escpos-text', 0.2),
      );
    },
    fuzzTimeoutMs(2),
  );

  it(
    'the emulator takes any bytes, in any split and any paper state, without throwing',
    () => {
      fc.assert(
        fc.property(escposBytes, cutPoints, fc.boolean(), fc.boolean(), (buf, cuts, nativeQr, gbk) => {
          const emu = new PrinterEmulator({ encoding: gbk ? 'GBK' : 'GB18030', paperWidthDots: 384, nativeQr, autoStatusBack: true, nearEndSensor: true });
          try {
            for (const c of chunked(buf, cuts)) emu.receive(c);
            emu.flushPage();
          } finally {
            emu.dispose();
          }
        }),
        fuzzParams('escpos-emulator', 0.4),
      );
    },
    fuzzTimeoutMs(4),
  );
});
