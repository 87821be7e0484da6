import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NextionFramer, type NextionFrame } from '../../../../../device-daemon/devices/eval-display/nextion/nextion-framer';
import { chunked, cutPoints, fuzzParams, fuzzTimeoutMs } from '../../../../helpers/fuzz';

// Property-based fuzzing of the Nextion display's byte side (the framer the
// driver reads touch events and return codes with). No input throws; how the
// port split the bytes changes nothing; every byte is accounted for (in a
// frame or counted as garbage); a touch event after any garbage that ends in
// a terminator is read intact.

/** Frames `bytes` cut at `cuts`, then resets (the port closed): everything the framer said, in order. */
function frame(bytes: Uint8Array, cuts: number[]): NextionFrame[] {
  const f = new NextionFramer(100);
  const out: NextionFrame[] = [];
  f.onFrame((o) => out.push(o));
  for (const c of chunked(bytes, cuts)) f.push(c);
  f.reset();
  return out;
}

/** Bytes a frame stood for, to account for every input byte. */
function size(f: NextionFrame): number {
  switch (f.kind) {
    case 'garbage':
      return f.bytes;
    case 'touch':
      return 7;
    case 'page':
      return 5;
    case 'xy':
      return 9;
    case 'number':
      return 8;
    case 'string':
      return f.bytes.length + 4;
    case 'comok':
      return f.text.length + 3;
    case 'startup':
      return 6;
    default:
      return 4;
  }
}

const T = [0xff, 0xff, 0xff];
const touch = fc.tuple(fc.integer({ min: 0, max: 254 }), fc.integer({ min: 0, max: 254 }), fc.constantFrom(0, 1)).map(([p, c, e]) => [0x65, p, c, e, ...T]);
const validFrame = fc.oneof(touch, fc.constantFrom([0x01, ...T], [0x1a, ...T], [0x24, ...T], [0x66, 0x01, ...T], [0x88, ...T])); // no 0x71 numbers: the driver sends no `get`, and their payload may hold FF FF FF

describe('Nextion framing under property-based fuzzing', () => {
  it(
    'any bytes, any split: no throw, every byte accounted for, the same frames whatever the split',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 1500 }), cutPoints, (bytes, cuts) => {
          const whole = frame(bytes, []);
          const split = frame(bytes, cuts);
          expect(whole.reduce((n, f) => n + size(f), 0)).toBe(bytes.length);
          // Garbage may be reported in more pieces when split, never as different frames.
          const real = (fs: NextionFrame[]) => fs.filter((f) => f.kind !== 'garbage');
          expect(real(split)).toEqual(real(whole));
        }),
        fuzzParams('nextion-bytes', 0.5),
      );
    },
    fuzzTimeoutMs(2),
  );

  it(
    'valid frames separated by garbage lines that end in a terminator are all read, in order',
    () => {
      const garbageLine = fc.uint8Array({ maxLength: 40 }).map((u) => [...u.filter((b) => b !== 0xff), ...T]);
      fc.assert(
        fc.property(fc.array(fc.tuple(garbageLine, validFrame), { maxLength: 20 }), cutPoints, (pairs, cuts) => {
          const bytes = Uint8Array.from(pairs.flatMap(([g, v]) => [...g, ...v]));
          const got = frame(bytes, cuts).filter((f) => f.kind !== 'garbage');
          const want = pairs.flatMap(([, v]) => frame(Uint8Array.from(v), []));
          // A garbage line can itself be (or end in) a valid frame; what was sent as a frame is read as one, in order.
          let i = 0;
          for (const f of got) if (i < want.length && JSON.stringify(f) === JSON.stringify(want[i])) i++;
          expect(i).toBe(want.length);
        }),
        fuzzParams('nextion-resync', 0.5),
      );
    },
    fuzzTimeoutMs(2),
  );
});
