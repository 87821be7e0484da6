import { SamFrameError } from './sam-frame';

/**
 * Data of a read-text-and-photo reply (30 01, or 30 10 with fingerprint):
 * 2-byte BE text length, 2-byte BE photo length, [2-byte BE fingerprint
 * length], then the blocks in that order (reference §5). Located by the
 * length fields, and the lengths must account for every byte.
 */
export interface ReadBaseData {
  text: Buffer;
  photo: Buffer;
  fingerprint?: Buffer;
}

export function parseReadBase(data: Buffer, withFingerprint = false): ReadBaseData {
  const head = withFingerprint ? 6 : 4;
  if (data.length < head) throw new SamFrameError('badPayload', `read reply has ${data.length} data bytes, too few for its length fields`);
  const textLen = data.readUInt16BE(0);
  const photoLen = data.readUInt16BE(2);
  const fpLen = withFingerprint ? data.readUInt16BE(4) : 0;
  const need = head + textLen + photoLen + fpLen;
  if (need !== data.length) {
    throw new SamFrameError('badPayload', `read reply announces ${textLen} text + ${photoLen} photo${withFingerprint ? ` + ${fpLen} fingerprint` : ''} bytes but carries ${data.length - head}`);
  }
  const text = Buffer.from(data.subarray(head, head + textLen));
  const photo = Buffer.from(data.subarray(head + textLen, head + textLen + photoLen));
  return withFingerprint ? { text, photo, fingerprint: Buffer.from(data.subarray(head + textLen + photoLen)) } : { text, photo };
}

export function buildReadBase(text: Buffer, photo: Buffer, fingerprint?: Buffer): Buffer {
  const head = Buffer.alloc(fingerprint ? 6 : 4);
  head.writeUInt16BE(text.length, 0);
  head.writeUInt16BE(photo.length, 2);
  if (fingerprint) head.writeUInt16BE(fingerprint.length, 4);
  return Buffer.concat([head, text, photo, ...(fingerprint ? [fingerprint] : [])]);
}

/** 追加住址 (30 03): 70 bytes UCS-2 LE, space-padded. */
const APPENDED_ADDRESS_BYTES = 70;

export function decodeAppendedAddress(data: Buffer): string {
  if (data.length !== APPENDED_ADDRESS_BYTES) throw new SamFrameError('badPayload', `appended address is ${data.length} bytes, expected ${APPENDED_ADDRESS_BYTES}`);
  return data.toString('utf16le').replace(/^[\u0020\u0000]+|[\u0020\u0000]+$/g, '');
}

export function encodeAppendedAddress(address: string): Buffer {
  if (address.length * 2 > APPENDED_ADDRESS_BYTES) throw new Error('appended address longer than 35 characters');
  const out = Buffer.alloc(APPENDED_ADDRESS_BYTES);
  for (let i = 0; i < APPENDED_ADDRESS_BYTES; i += 2) out.writeUInt16LE(0x20, i);
  out.write(address, 0, 'utf16le');
  return out;
}

/**
 * SAM ID (12 FF reply, 16 bytes): little-endian groups 2/2/4/4/4 →
 * `%02d.%02d-%08d-%010d-%010d` (reference §9; 4-byte groups unsigned).
 */
export function formatSamId(data: Buffer): string {
  if (data.length !== 16) throw new SamFrameError('badPayload', `SAM ID is ${data.length} bytes, expected 16`);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(data.readUInt16LE(0), 2)}.${pad(data.readUInt16LE(2), 2)}-${pad(data.readUInt32LE(4), 8)}-${pad(data.readUInt32LE(8), 10)}-${pad(data.readUInt32LE(12), 10)}`;
}

export function encodeSamId(id: string): Buffer {
  const m = /^(\d+)\.(\d+)-(\d+)-(\d+)-(\d+)$/.exec(id);
  if (!m) throw new Error(`not a SAM ID: ${id}`);
  const out = Buffer.alloc(16);
  out.writeUInt16LE(Number(m[1]), 0);
  out.writeUInt16LE(Number(m[2]), 2);
  out.writeUInt32LE(Number(m[3]), 4);
  out.writeUInt32LE(Number(m[4]), 8);
  out.writeUInt32LE(Number(m[5]), 12);
  return out;
}
