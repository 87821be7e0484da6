import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeFramer, type FramerOutput, type ScanSuffix } from '../../../../device-daemon/devices/scanner/code-framer';
import { keyboardFraming } from '../../../../device-daemon/devices/scanner/hid-keyboard';
import { chunked, cutPoints, fuzzParams, fuzzTimeoutMs } from '../../../helpers/fuzz';

// Property-based fuzzing of the scanner's byte side: the code framer (serial
// scanners, and HID scanners once their reports are decoded) and the keyboard
// report decoder. No input throws; what comes out as a code is never longer
// than maxLength and never carries a control character; the codes read do not
// depend on how the port split the bytes; a code between garbage lines comes
// out intact. The framer's inter-byte timer never fires inside a property (it
// runs synchronously): timeouts are covered by tests/…/scanner/serial-driver.test.ts.
// The scanner target's inputs are shared with scan-text.fuzz.test.ts (shares 0.2 + 0.15 + 0.15 + 0.2 here, 0.3 there).

const SUFFIX_BYTES: Record<ScanSuffix, number[]> = { CR: [0x0d], CRLF: [0x0d, 0x0a], LF: [0x0a] };
const suffix = fc.constantFrom<ScanSuffix>('CR', 'CRLF', 'LF');
const maxLength = fc.integer({ min: 16, max: 600 });

/** Frames `bytes` cut at `cuts`, then resets (the port closed): everything the framer said, in order. */
function frame(bytes: Uint8Array, cuts: number[], opts: { suffix: ScanSuffix; maxLength: number }): FramerOutput[] {
  const f = new CodeFramer({ ...opts, interByteTimeoutMs: 100 });
  const out: FramerOutput[] = [];
  f.onOutput((o) => out.push(o));
  for (const c of chunked(bytes, cuts)) f.push(c);
  f.reset();
  return out;
}

const codeText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => !/[\u0000-\u001f\u007f\ufffd]/.test(s));
/** A line the framer must discard: it carries a control byte (never a line end). */
const garbageLine = fc.tuple(fc.uint8Array({ maxLength: 30 }), fc.constantFrom(0x00, 0x07, 0x1b, 0x7f)).map(([u, ctl]) => [...u.filter((b) => b !== 0x0d && b !== 0x0a), ctl]);
/** Lines of any bytes but line ends: codes, garbage, runs longer than the split property's maxLength (16–64). */
const anyLine = fc.oneof(
  fc.uint8Array({ maxLength: 80 }).map((u) => [...u.filter((b) => b !== 0x0d && b !== 0x0a)]),
  codeText.map((s) => [...Buffer.from(s)]),
  fc.integer({ min: 65, max: 300 }).map((n) => Array<number>(n).fill(0x41)),
);

describe('scanner framing under property-based fuzzing', () => {
  it(
    'any bytes, any split, any suffix: no throw, codes within maxLength and free of control characters, nothing held after reset',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2000 }), cutPoints, suffix, maxLength, (bytes, cuts, sfx, max) => {
          for (const o of frame(bytes, cuts, { suffix: sfx, maxLength: max })) {
            if (!o.ok) continue;
            expect(Buffer.byteLength(o.text)).toBeLessThanOrEqual(max);
            expect(o.text).not.toMatch(/[\u0000-\u001f\u007f\ufffd]/);
          }
        }),
        fuzzParams('scanner-bytes', 0.2),
      );
    },
    fuzzTimeoutMs(2),
  );

  it(
    'the codes read and the order of discards do not depend on how the bytes were split',
    () => {
      fc.assert(
        fc.property(fc.array(anyLine, { maxLength: 8 }), cutPoints, suffix, fc.integer({ min: 16, max: 64 }), (lines, cuts, sfx, max) => {
          const bytes = Uint8Array.from(lines.flatMap((l) => [...l, ...SUFFIX_BYTES[sfx]]));
          const shape = (os: FramerOutput[]) => os.map((o) => (o.ok ? o.text : `<${o.reason}>`));
          expect(shape(frame(bytes, cuts, { suffix: sfx, maxLength: max }))).toEqual(shape(frame(bytes, [], { suffix: sfx, maxLength: max })));
        }),
        fuzzParams('scanner-split', 0.15),
      );
    },
    fuzzTimeoutMs(2),
  );

  it(
    'codes between garbage lines come out intact and in order',
    () => {
      const line = fc.oneof(
        codeText.map((text) => ({ text })),
        garbageLine.map((bytes) => ({ bytes })),
      );
      fc.assert(
        fc.property(fc.array(line, { maxLength: 8 }), cutPoints, suffix, (lines, cuts, sfx) => {
          const bytes = Uint8Array.from(lines.flatMap((l) => [...('text' in l ? Buffer.from(l.text) : l.bytes), ...SUFFIX_BYTES[sfx]]));
          const codes = frame(bytes, cuts, { suffix: sfx, maxLength: 512 }).flatMap((o) => (o.ok ? [o.text] : []));
          expect(codes).toEqual(lines.flatMap((l) => ('text' in l ? [l.text] : [])));
        }),
        fuzzParams('scanner-codes', 0.15),
      );
    },
    fuzzTimeoutMs(2),
  );

  it(
    'keyboard reports of any content, as a HID scanner sends them: decoded to bytes without throwing, framed like serial bytes',
    () => {
      const report = fc.oneof(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.uint8Array({ minLength: 9, maxLength: 9 }), fc.uint8Array({ maxLength: 12 }));
      fc.assert(
        fc.property(fc.array(report, { maxLength: 60 }), (reports) => {
          const decoder = keyboardFraming.hostDecoder();
          const bytes = Buffer.concat(reports.map((r) => decoder.push(Buffer.from(r))));
          for (const o of frame(bytes, [], { suffix: 'CR', maxLength: 512 })) if (o.ok) expect(o.text).not.toMatch(/[\u0000-\u001f\u007f]/);
        }),
        fuzzParams('scanner-keyboard', 0.2),
      );
    },
    fuzzTimeoutMs(2),
  );
});
