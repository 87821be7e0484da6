import { describe, expect, it } from 'vitest';
import {
  buildRequest,
  buildResponse,
  decodeFrame,
  decodeRequest,
  decodeResponse,
  fromHex,
  MAX_LEN,
  SamFrameError,
  SamFrameParser,
  toHex,
  type ParsedItem,
} from '../../../../../device-daemon/devices/id-card/codec/sam-frame';
import { SAM_COMMANDS, requestFrame, type SamCommandName } from '../../../../../device-daemon/devices/id-card/codec/sam-commands';
import { formatSamId, encodeSamId, parseReadBase, buildReadBase } from '../../../../../device-daemon/devices/id-card/codec/read-base';

const h = (s: string) => fromHex(s);

describe('request frames: exact bytes for every command', () => {
  // Literals from the reference (§2 worked examples) where it gives them; the others follow the same XOR rule by hand.
  const expected: Record<SamCommandName, string> = {
    resetSam: 'AA AA AA 96 69 00 03 10 FF EC',
    samStatus: 'AA AA AA 96 69 00 03 11 FF ED',
    samId: 'AA AA AA 96 69 00 03 12 FF EE',
    findCard: 'AA AA AA 96 69 00 03 20 01 22',
    selectCard: 'AA AA AA 96 69 00 03 20 02 21',
    readBase: 'AA AA AA 96 69 00 03 30 01 32',
    readBaseFingerprint: 'AA AA AA 96 69 00 03 30 10 23',
    readAppendedAddress: 'AA AA AA 96 69 00 03 30 03 30',
    readManagementNo: 'AA AA AA 96 69 00 03 30 05 36',
    setRfFrameSize: 'AA AA AA 96 69 00 04 61 FF 50 CA',
  };
  for (const name of Object.keys(SAM_COMMANDS) as SamCommandName[]) {
    it(name, () => {
      const frame = name === 'setRfFrameSize' ? requestFrame(name, Buffer.from([0x50])) : requestFrame(name);
      expect(toHex(frame)).toBe(expected[name]);
      const back = decodeRequest(frame);
      expect([back.cmd, back.para]).toEqual([SAM_COMMANDS[name].cmd, SAM_COMMANDS[name].para]);
    });
  }
});

describe('response frames', () => {
  it('matches the reference literals', () => {
    expect(toHex(buildResponse(0x9f, Buffer.alloc(4)))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(toHex(buildResponse(0x90, Buffer.alloc(8)))).toBe('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C');
    expect(toHex(buildResponse(0x90))).toBe('AA AA AA 96 69 00 04 00 00 90 94');
    expect(toHex(buildResponse(0x80))).toBe('AA AA AA 96 69 00 04 00 00 80 84');
    expect(toHex(buildResponse(0x81))).toBe('AA AA AA 96 69 00 04 00 00 81 85');
    expect(toHex(buildResponse(0x41))).toBe('AA AA AA 96 69 00 04 00 00 41 45');
  });

  it('read-base header and sizes: 1295 bytes with LEN 05 08', () => {
    const f = buildResponse(0x90, buildReadBase(Buffer.alloc(256, 0x20), Buffer.alloc(1024)));
    expect(f.length).toBe(1295);
    expect(toHex(f.subarray(0, 14))).toBe('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');
    const r = decodeResponse(f);
    expect(parseReadBase(r.data).photo.length).toBe(1024);
    // 30 10 with F = 1024 / 512 / 0 → 2321 / 1809 / 1297 bytes, LEN 090A / 070A / 050A
    for (const [fp, size, len] of [
      [1024, 2321, 0x090a],
      [512, 1809, 0x070a],
      [0, 1297, 0x050a],
    ] as const) {
      const ff = buildResponse(0x90, buildReadBase(Buffer.alloc(256), Buffer.alloc(1024), Buffer.alloc(fp)));
      expect(ff.length).toBe(size);
      expect(ff.readUInt16BE(5)).toBe(len);
      expect(parseReadBase(decodeResponse(ff).data, true).fingerprint!.length).toBe(fp);
    }
  });

  it('SAM ID example formats as the reference says', () => {
    const r = decodeResponse(h('AA AA AA 96 69 00 14 00 00 90 05 00 01 00 92 B7 32 01 4E 61 BC 00 D2 02 96 49 0A'));
    expect(formatSamId(r.data)).toBe('05.01-20101010-0012345678-1234567890');
    expect(encodeSamId('05.01-20101010-0012345678-1234567890')).toEqual(r.data);
  });

  it('rejects bad checksums, impossible lengths, wrong sizes and missing preambles with typed errors', () => {
    const kinds = (bytes: Buffer, dir: 'request' | 'response' = 'response') => {
      try {
        decodeFrame(bytes, dir);
        return 'ok';
      } catch (err) {
        expect(err).toBeInstanceOf(SamFrameError);
        return (err as SamFrameError).kind;
      }
    };
    expect(kinds(h('AA AA AA 96 69 00 04 00 00 90 95'))).toBe('badChecksum');
    expect(kinds(h('AA AA AA 96 69 00 03 00 00 03'))).toBe('badLength'); // a response needs LEN ≥ 4
    expect(kinds(h('AA AA AA 96 69 00 03 20 01 22'), 'request')).toBe('ok');
    expect(kinds(h('AA AA AA 96 69 FF FF 00'))).toBe('badLength');
    expect(kinds(h('AA AA AA 96 69 00 04 00 00 90'))).toBe('badSize');
    expect(kinds(h('AA AA AA 96 68 00 04 00 00 90 94'))).toBe('badPreamble');
    expect(kinds(h('AA AA'))).toBe('badSize');
    expect(() => fromHex('zz')).toThrow(SamFrameError);
    expect(() => fromHex('ABC')).toThrow(SamFrameError);
  });
});

describe('stream parser', () => {
  const find = buildResponse(0x9f, Buffer.alloc(4));
  const status = buildResponse(0x90);
  const read = buildResponse(0x90, buildReadBase(Buffer.alloc(256, 0x20), Buffer.alloc(1024, 0x5a)));
  const oks = (items: ParsedItem[]) => items.filter((i) => i.ok).map((i) => toHex((i as { frame: Buffer }).frame));

  it('resynchronises on the preamble after garbage (including a false start AA 00 AA AA 96 69)', () => {
    const p = new SamFrameParser('response');
    const out = p.push(Buffer.concat([h('00 13 AA 00'), find]));
    expect(oks(out)).toEqual([toHex(find)]);
    expect(p.discarded).toBe(4);
    // AA AA AA AA 96 69: one extra AA before the real preamble
    const p2 = new SamFrameParser('response');
    expect(oks(p2.push(Buffer.concat([h('AA'), status])))).toEqual([toHex(status)]);
  });

  it('handles frames split at every possible offset', () => {
    for (let cut = 1; cut < read.length; cut += 7) {
      const p = new SamFrameParser('response');
      const first = p.push(read.subarray(0, cut));
      expect(first).toEqual([]);
      expect(oks(p.push(read.subarray(cut)))).toEqual([toHex(read)]);
    }
    // byte by byte, including a preamble split across reads
    const p = new SamFrameParser('response');
    const got: ParsedItem[] = [];
    for (const b of find) got.push(...p.push(Buffer.from([b])));
    expect(oks(got)).toEqual([toHex(find)]);
  });

  it('returns several frames from one read, in order', () => {
    const p = new SamFrameParser('response');
    expect(oks(p.push(Buffer.concat([find, status, read, find])))).toEqual([find, status, read, find].map((f) => toHex(f)));
    expect(p.pending).toBe(0);
  });

  it('reports a bad checksum and still finds the frame that follows', () => {
    const bad = Buffer.from(status);
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 0xff, bad.length - 1);
    const p = new SamFrameParser('response');
    const out = p.push(Buffer.concat([bad, find]));
    expect(out.filter((i) => !i.ok).map((i) => (i as { error: SamFrameError }).error.kind)).toEqual(['badChecksum']);
    expect(oks(out)).toEqual([toHex(find)]);
  });

  it('reports an impossible length, resyncs, and never holds more than one maximal frame', () => {
    const p = new SamFrameParser('response');
    const out = p.push(Buffer.concat([h('AA AA AA 96 69 7F FF 00 00'), status]));
    expect(out.some((i) => !i.ok && i.error.kind === 'badLength')).toBe(true);
    expect(oks(out)).toEqual([toHex(status)]);
    // A valid-looking header announcing MAX_LEN waits for its bytes; garbage after it is bounded by that frame.
    const q = new SamFrameParser('response');
    const header = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, MAX_LEN >> 8, MAX_LEN & 0xff]);
    q.push(header);
    q.push(Buffer.alloc(MAX_LEN - 1, 0x11));
    expect(q.pending).toBe(7 + MAX_LEN - 1);
    const tail = q.push(Buffer.from([0x00])); // completes it with a wrong checksum
    expect(tail.some((i) => !i.ok && i.error.kind === 'badChecksum')).toBe(true);
    expect(q.pending).toBeLessThan(7 + MAX_LEN);
  });

  it('reset() forgets a partial frame so a fresh reply parses cleanly', () => {
    const p = new SamFrameParser('response');
    p.push(read.subarray(0, 600));
    p.reset();
    expect(oks(p.push(status))).toEqual([toHex(status)]);
  });

  it('request direction: the simulator parses requests with the same codec', () => {
    const p = new SamFrameParser('request');
    const out = p.push(Buffer.concat([requestFrame('findCard'), h('FF'), buildRequest(0x30, 0x01)]));
    expect(oks(out)).toEqual([toHex(requestFrame('findCard')), toHex(buildRequest(0x30, 0x01))]);
  });
});
