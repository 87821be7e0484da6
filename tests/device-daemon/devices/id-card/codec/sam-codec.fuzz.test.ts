import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { CardDecodeError, decodeCardText, encodeCardText } from '../../../../../device-daemon/devices/id-card/codec/card-text';
import { buildReadBase, decodeAppendedAddress, formatSamId, parseReadBase } from '../../../../../device-daemon/devices/id-card/codec/read-base';
import { buildRequest, buildResponse, decodeFrame, decodeResponse, MAX_LEN, parseResponsePayload, SamFrameError, SamFrameParser } from '../../../../../device-daemon/devices/id-card/codec/sam-frame';
import { simCards } from '../../../../../device-daemon/devices/id-card/simulator/sim-cards';
import { miaxisWrapper } from '../../../../../device-daemon/devices/id-card/transport/hid-miaxis';
import { chunked, cutPoints, fuzzParams, fuzzTimeoutMs, runsFor } from '../../../../helpers/fuzz';

// Property-based fuzzing of everything that reads bytes from an ID-card
// reader: the SAM frame parser under any chunking, whole-frame decoding, the
// read reply's layout, the card text decoder and the HID unwrapping. The
// inputs are random bytes and valid frames (real synthetic cards, random
// status words and data) mutated: bits flipped, truncated, bytes inserted,
// LEN and the inner lengths forged, another frame spliced in. The only
// exceptions allowed out are the codec's typed errors; a valid frame behind
// garbage is always found; the parser never holds more than one maximal frame.

// The target's inputs, shared out among its properties.
const STREAM_SHARE = 0.6;
const GARBAGE_SHARE = 0.3;
const ROUNDTRIP_SHARE = 0.1;

const cards = [...simCards().values()];
const typed = (err: unknown) => err instanceof SamFrameError || err instanceof CardDecodeError;
const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((u) => Buffer.from(u));

const validFrame: fc.Arbitrary<Buffer> = fc.oneof(
  fc.constantFrom(...cards).map((c) => buildResponse(0x90, buildReadBase(encodeCardText(c.record), c.wlt))),
  fc.tuple(fc.constantFrom(0x90, 0x9f, 0x80, 0x81, 0x41, 0x60), bytes(20)).map(([sw3, d]) => buildResponse(sw3, d)),
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), bytes(4)).map(([cmd, para, d]) => buildRequest(cmd, para, d)),
  // valid framing around a random text block: the card decoder gets noise
  fc.tuple(fc.uint8Array({ minLength: 256, maxLength: 256 }), fc.uint8Array({ minLength: 1024, maxLength: 1024 })).map(([t, p]) => buildResponse(0x90, buildReadBase(Buffer.from(t), Buffer.from(p)))),
  // a real card with random bytes in its fields inside a valid frame
  fc.tuple(fc.constantFrom(...cards), fc.array(fc.tuple(fc.nat({ max: 255 }), fc.nat({ max: 255 })), { maxLength: 12 })).map(([c, edits]) => {
    const text = encodeCardText(c.record);
    for (const [at, v] of edits) text[at] = v;
    return buildResponse(0x90, buildReadBase(text, c.wlt));
  }),
  bytes(16).map((d) => buildResponse(0x90, d)),
);

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; b: Buffer }
  | { kind: 'len'; v: number }
  | { kind: 'innerLen'; which: number; v: number }
  | { kind: 'splice'; at: number; f: Buffer };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), b: fc.uint8Array({ minLength: 1, maxLength: 8 }).map((u) => Buffer.from(u)) }),
  fc.record({ kind: fc.constant('len' as const), v: fc.nat({ max: 0xffff }) }),
  fc.record({ kind: fc.constant('innerLen' as const), which: fc.nat({ max: 1 }), v: fc.nat({ max: 0x7ff }) }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), f: validFrame }),
);

function mutate(frame: Buffer, ms: Mutation[]): Buffer {
  let b = Buffer.from(frame);
  for (const m of ms) {
    const at = 'at' in m ? m.at % (b.length + 1) : 0;
    if (m.kind === 'flip' && b.length) b.writeUInt8(b.readUInt8(at % b.length) ^ (1 << m.bit), at % b.length);
    else if (m.kind === 'truncate') b = b.subarray(0, at);
    else if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), m.b, b.subarray(at)]);
    else if (m.kind === 'len' && b.length > 7) b.writeUInt16BE(m.v, 5);
    else if (m.kind === 'innerLen' && b.length > 14) b.writeUInt16BE(m.v, 10 + 2 * m.which);
    else if (m.kind === 'splice') b = Buffer.concat([b.subarray(0, at), m.f]);
  }
  return b;
}

const mutated = fc.tuple(validFrame, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([f, ms]) => mutate(f, ms));
/** Garbage that holds no 0xAA (so no preamble can start in it), then an intact frame. */
const garbageThenFrame = fc.tuple(
  fc.uint8Array({ maxLength: 300 }).map((u) => Buffer.from(u.map((v) => (v === 0xaa ? 0xab : v)))),
  validFrame,
);

/** What a property reached, so a test can show the run went past the first check of each layer. */
let counts = { frames: 0, cards: 0, typedErrors: 0, recovered: 0 };
beforeEach(() => {
  counts = { frames: 0, cards: 0, typedErrors: 0, recovered: 0 };
});

/** Everything downstream of a frame the parser accepted: status words, SAM id, appended address, read layout, card text. */
function decodeDownstream(payload: Buffer, withFingerprint: boolean): void {
  typedOnly(() => {
    const r = parseResponsePayload(payload);
    if (r.data.length === 16) typedOnly(() => formatSamId(r.data));
    if (r.data.length === 70) typedOnly(() => decodeAppendedAddress(r.data));
    decodeCardText(parseReadBase(r.data, withFingerprint).text);
    counts.cards++;
  });
}

/** The stream parser over the input cut at `cuts`; returns the frames it found. */
function parseStream(input: Buffer, cuts: number[], direction: 'request' | 'response', withFingerprint: boolean): Buffer[] {
  const p = new SamFrameParser(direction);
  const found: Buffer[] = [];
  for (const chunk of chunked(input, cuts)) {
    for (const item of p.push(chunk)) {
      if (!item.ok) {
        expect(item.error).toBeInstanceOf(SamFrameError);
        counts.typedErrors++;
        continue;
      }
      counts.frames++;
      found.push(item.frame);
      decodeDownstream(item.payload, withFingerprint);
    }
    expect(p.pending).toBeLessThanOrEqual(7 + MAX_LEN);
  }
  return found;
}

/** Only the codec's typed errors may leave a decoder. */
function typedOnly(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (!typed(err)) throw err;
    counts.typedErrors++;
  }
}

describe('SAM codec under property-based fuzzing', () => {
  it(
    'random and mutated frames, any chunking: only typed errors, bounded memory, every layer reached',
    () => {
      const input = fc.oneof(
        bytes(3000),
        mutated,
        fc.tuple(mutated, bytes(50), validFrame).map((parts) => Buffer.concat(parts)),
      );
      const hid = miaxisWrapper.hostDecoder();
      fc.assert(
        fc.property(input, cutPoints, fc.boolean(), fc.boolean(), (buf, cuts, response, fp) => {
          parseStream(buf, cuts, response ? 'response' : 'request', fp);
          typedOnly(() => decodeFrame(buf, response ? 'response' : 'request'));
          if (buf.length >= 256) typedOnly(() => decodeCardText(buf.subarray(0, 256)));
          typedOnly(() => expect(Buffer.isBuffer(hid.push(buf.subarray(0, 64)))).toBe(true));
        }),
        fuzzParams('sam-stream', STREAM_SHARE),
      );
      // the run went past the first check of each layer
      const runs = runsFor(STREAM_SHARE);
      expect(counts.frames).toBeGreaterThan(0.3 * runs);
      expect(counts.cards).toBeGreaterThan(0.03 * runs);
      expect(counts.typedErrors).toBeGreaterThan(0.5 * runs);
    },
    fuzzTimeoutMs(3),
  );

  it(
    'a valid frame after garbage without a preamble is found exactly, however the bytes are split',
    () => {
      fc.assert(
        fc.property(garbageThenFrame, cutPoints, fc.boolean(), ([garbage, frame], cuts, response) => {
          const direction = response ? 'response' : 'request';
          const found = parseStream(Buffer.concat([Buffer.from(garbage), frame]), cuts, direction, false);
          // The one legitimate miss: a request frame (LEN 3) is too short to be a response.
          if (direction === 'response' && frame.readUInt16BE(5) < 4) return;
          expect(found.some((f) => f.equals(frame))).toBe(true);
          counts.recovered++;
        }),
        fuzzParams('sam-garbage', GARBAGE_SHARE),
      );
      expect(counts.recovered).toBeGreaterThan(0.9 * runsFor(GARBAGE_SHARE));
    },
    fuzzTimeoutMs(3),
  );

  it(
    'status words and data survive framing both ways',
    () => {
      fc.assert(
        fc.property(fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.nat({ max: 255 }), bytes(MAX_LEN - 4), (sw1, sw2, sw3, data) => {
          expect(decodeResponse(buildResponse(sw3, data, sw1, sw2))).toEqual({ sw1, sw2, sw3, data });
        }),
        fuzzParams('sam-roundtrip', ROUNDTRIP_SHARE),
      );
    },
    fuzzTimeoutMs(2),
  );
});
