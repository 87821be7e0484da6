import { CardDecodeError, decodeCardText, encodeCardText } from '../../../../../device-daemon/devices/id-card/codec/card-text';
import { buildRequest, buildResponse, decodeFrame, MAX_LEN, parseResponsePayload, SamFrameError, SamFrameParser } from '../../../../../device-daemon/devices/id-card/codec/sam-frame';
import { buildReadBase, decodeAppendedAddress, formatSamId, parseReadBase } from '../../../../../device-daemon/devices/id-card/codec/read-base';
import { miaxisWrapper } from '../../../../../device-daemon/devices/id-card/transport/hid-miaxis';
import { simCards } from '../../../../../device-daemon/devices/id-card/simulator/sim-cards';

/**
 * Seeded fuzzing of everything that reads bytes from a reader: the frame
 * parser (random chunking), whole-frame decoding, the read-reply layout, the
 * card text decoder and the HID unwrapping. Inputs are random bytes and
 * mutated valid frames. The only exceptions allowed out are the codec's typed
 * errors; anything else is an escape and is reported with its input.
 */
export interface FuzzReport {
  seed: number;
  iterations: number;
  framesParsed: number;
  typedErrors: number;
  cardsDecoded: number;
  recoveredAfterGarbage: number;
  escapes: Array<{ iteration: number; error: string; inputHex: string }>;
  maxPending: number;
}

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function runFuzz(seed: number, iterations: number): FuzzReport {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const bytes = (n: number, exclude?: number) => {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) {
      let v = int(256);
      while (v === exclude) v = int(256);
      b[i] = v;
    }
    return b;
  };
  const cards = [...simCards().values()];
  const valid = (): Buffer => {
    switch (int(6)) {
      case 0: {
        const c = cards[int(cards.length)]!;
        return buildResponse(0x90, buildReadBase(encodeCardText(c.record), c.wlt));
      }
      case 1:
        return buildResponse([0x90, 0x9f, 0x80, 0x81, 0x41, 0x60][int(6)]!, bytes(int(20)));
      case 2:
        return buildRequest(int(256), int(256), bytes(int(4)));
      case 3:
        // valid framing around a random text block: exercises the card decoder
        return buildResponse(0x90, buildReadBase(bytes(256), bytes(1024)));
      case 4: {
        // a real card with random bytes in its fields but a valid frame
        const c = cards[int(cards.length)]!;
        const text = encodeCardText(c.record);
        for (let k = int(12); k > 0; k--) text[int(256)] = int(256);
        return buildResponse(0x90, buildReadBase(text, c.wlt));
      }
      default:
        return buildResponse(0x90, bytes(16));
    }
  };
  const mutate = (f: Buffer): Buffer => {
    let b = Buffer.from(f);
    for (let k = 1 + int(4); k > 0; k--) {
      switch (int(6)) {
        case 0: // flip a bit
          if (b.length) {
            const at = int(b.length);
            b.writeUInt8(b.readUInt8(at) ^ (1 << int(8)), at);
          }
          break;
        case 1: // truncate
          b = b.subarray(0, int(b.length + 1));
          break;
        case 2: // insert bytes
          {
            const at = int(b.length + 1);
            b = Buffer.concat([b.subarray(0, at), bytes(1 + int(8)), b.subarray(at)]);
          }
          break;
        case 3: // forge LEN
          if (b.length > 7) b.writeUInt16BE(int(0x10000), 5);
          break;
        case 4: // forge the text/photo length fields inside the data
          if (b.length > 14) b.writeUInt16BE(int(0x800), 10 + 2 * int(2));
          break;
        default: // splice another frame
          b = Buffer.concat([b.subarray(0, int(b.length + 1)), valid()]);
      }
    }
    return b;
  };

  const report: FuzzReport = { seed, iterations, framesParsed: 0, typedErrors: 0, cardsDecoded: 0, recoveredAfterGarbage: 0, escapes: [], maxPending: 0 };
  const typed = (err: unknown) => err instanceof SamFrameError || err instanceof CardDecodeError;
  const guard = (i: number, input: Buffer, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      if (typed(err)) report.typedErrors++;
      else if (report.escapes.length < 20) report.escapes.push({ iteration: i, error: String((err as Error)?.stack ?? err), inputHex: input.toString('hex').slice(0, 6000) });
    }
  };
  const hidDecoder = miaxisWrapper.hostDecoder();

  for (let i = 0; i < iterations; i++) {
    const mode = int(4);
    let input: Buffer;
    let embedded: Buffer | undefined;
    if (mode === 0) input = bytes(int(3000));
    else if (mode === 1) input = mutate(valid());
    else if (mode === 2) {
      // garbage without 0xAA, then an intact frame: the parser must find it exactly
      embedded = valid();
      input = Buffer.concat([bytes(int(300), 0xaa), embedded]);
    } else input = Buffer.concat([mutate(valid()), bytes(int(50)), valid()]);

    // 1. stream parser with random chunking, then everything downstream of a frame
    guard(i, input, () => {
      const direction = int(2) ? 'response' : 'request';
      const p = new SamFrameParser(direction);
      const found: Buffer[] = [];
      for (let off = 0; off < input.length; ) {
        const n = 1 + int(400);
        for (const item of p.push(input.subarray(off, off + n))) {
          if (!item.ok) {
            if (!(item.error instanceof SamFrameError)) throw new Error('parser yielded an untyped error');
            report.typedErrors++;
            continue;
          }
          report.framesParsed++;
          found.push(item.frame);
          guard(i, input, () => {
            const r = parseResponsePayload(item.payload);
            if (r.data.length === 16) guard(i, input, () => void formatSamId(r.data));
            if (r.data.length === 70) guard(i, input, () => void decodeAppendedAddress(r.data));
            const blocks = parseReadBase(r.data, int(5) === 0);
            decodeCardText(blocks.text);
            report.cardsDecoded++;
          });
        }
        report.maxPending = Math.max(report.maxPending, p.pending);
        if (p.pending > 7 + MAX_LEN) throw new Error(`parser holds ${p.pending} bytes, more than one maximal frame`);
        off += n;
      }
      if (embedded) {
        // The only legitimate miss: a request frame (LEN 3) is too short to be a response.
        const tooShortForDirection = direction === 'response' && embedded.readUInt16BE(5) < 4;
        if (found.some((f) => f.equals(embedded!))) report.recoveredAfterGarbage++;
        else if (!tooShortForDirection) throw new Error('valid frame after garbage not recovered');
      }
    });
    // 2. whole-frame decoding
    guard(i, input, () => void decodeFrame(input, int(2) ? 'response' : 'request'));
    // 3. text decoder on raw bytes
    if (input.length >= 256) guard(i, input, () => void decodeCardText(input.subarray(0, 256)));
    // 4. HID unwrapping of arbitrary reports
    guard(i, input, () => {
      const out = hidDecoder.push(input.subarray(0, 64));
      if (!Buffer.isBuffer(out)) throw new Error('HID decoder returned a non-buffer');
    });
  }
  return report;
}
