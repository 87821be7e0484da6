import { describe, expect, it } from 'vitest';
import { CodeFramer, type FramerOutput } from '../../../../device-daemon/devices/scanner/code-framer';

function framer(maxLength: number) {
  const f = new CodeFramer({ suffix: 'CR', maxLength, interByteTimeoutMs: 100 });
  const out: FramerOutput[] = [];
  f.onOutput((o) => out.push(o));
  return { f, out };
}

describe('CodeFramer', () => {
  // Found by code-framer.fuzz.test.ts (shrunk): the over-long code's suffix
  // arrived as the first byte of a read, and the code after it was counted
  // into the discarded one.
  it('a code after an over-long one is read even when the over-long code ends exactly at a read boundary', () => {
    const { f, out } = framer(16);
    f.push(Buffer.from('A'.repeat(605)));
    f.push(Buffer.from('\r𐀀\r'));
    f.reset();
    expect(out).toEqual([
      { ok: false, reason: 'overlong', bytes: 605 },
      { ok: true, text: '𐀀' },
    ]);
  });

  it('an over-long code spread over reads is dropped once, up to its suffix, with every byte counted', () => {
    const { f, out } = framer(16);
    for (const part of ['0123456789', '0123456789', '01234', '56\rNEXT', '\r']) f.push(Buffer.from(part));
    expect(out).toEqual([
      { ok: false, reason: 'overlong', bytes: 27 },
      { ok: true, text: 'NEXT' },
    ]);
  });
});
