import { describe, expect, it } from 'vitest';
import {
  ReplyReader,
  asbBytes,
  conditionFromAsb,
  conditionFromRealtime,
  decodeErrorCause,
  decodeOfflineCause,
  decodePrinterStatus,
  decodeRollPaper,
  decodeTransmitPaper,
  faultOf,
  realtimeReplies,
  transmitPaperReply,
  READY,
} from '../../../../device-daemon/devices/printer/status-bytes';

describe('reply classification by mask', () => {
  it('every DLE EOT reply byte matches (b & 0x93) == 0x12 and is classified realtime', () => {
    for (const b of [0x12, 0x16, 0x1a, 0x1e, 0x32, 0x36, 0x52, 0x56, 0x72, 0x7e]) {
      expect(new ReplyReader().push(Buffer.from([b]))).toEqual([{ kind: 'realtime', byte: b }]);
    }
  });
  it('ASB: a 0x10-pattern head and three (b & 0x90) == 0 bytes, also split across chunks', () => {
    const r = new ReplyReader();
    expect(r.push(Buffer.from([0x38, 0x00]))).toEqual([]);
    expect(r.push(Buffer.from([0x0c, 0x00]))).toEqual([{ kind: 'asb', bytes: [0x38, 0x00, 0x0c, 0x00] }]);
  });
  it('GS r replies are (b & 0x90) == 0', () => {
    for (const b of [0x00, 0x03, 0x0c, 0x0f]) expect(new ReplyReader().push(Buffer.from([b]))).toEqual([{ kind: 'transmit', byte: b }]);
  });
  it('XON / XOFF, block data to NUL, unknown bytes', () => {
    expect(new ReplyReader().push(Buffer.from([0x11, 0x13]))).toEqual([{ kind: 'xon' }, { kind: 'xoff' }]);
    expect(new ReplyReader().push(Buffer.from([0x5f, 0x41, 0x42, 0x00, 0x12]))).toEqual([
      { kind: 'block', bytes: Buffer.from([0x5f, 0x41, 0x42]) },
      { kind: 'realtime', byte: 0x12 },
    ]);
    expect(new ReplyReader().push(Buffer.from([0x80]))).toEqual([{ kind: 'unknown', byte: 0x80 }]);
  });
  it('a broken ASB is dropped and the next byte read afresh', () => {
    expect(new ReplyReader().push(Buffer.from([0x10, 0x00, 0x12]))).toEqual([{ kind: 'realtime', byte: 0x12 }]);
  });
});

describe('decoding every documented bit', () => {
  it('DLE EOT 1 printer status', () => {
    expect(decodePrinterStatus(0x12)).toEqual({ drawerHigh: false, offline: false, waitingRecovery: false, feedButton: false });
    expect(decodePrinterStatus(0x16).drawerHigh).toBe(true);
    expect(decodePrinterStatus(0x1a).offline).toBe(true);
    expect(decodePrinterStatus(0x32).waitingRecovery).toBe(true);
    expect(decodePrinterStatus(0x52).feedButton).toBe(true);
  });
  it('DLE EOT 2 offline cause', () => {
    expect(decodeOfflineCause(0x12)).toEqual({ coverOpen: false, feeding: false, paperEndStop: false, error: false });
    expect(decodeOfflineCause(0x16).coverOpen).toBe(true);
    expect(decodeOfflineCause(0x1a).feeding).toBe(true);
    expect(decodeOfflineCause(0x32).paperEndStop).toBe(true);
    expect(decodeOfflineCause(0x52).error).toBe(true);
  });
  it('DLE EOT 3 error cause', () => {
    expect(decodeErrorCause(0x12)).toEqual({ mechanical: false, cutter: false, unrecoverable: false, autoRecoverable: false });
    expect(decodeErrorCause(0x16).mechanical).toBe(true);
    expect(decodeErrorCause(0x1a).cutter).toBe(true);
    expect(decodeErrorCause(0x32).unrecoverable).toBe(true);
    expect(decodeErrorCause(0x52).autoRecoverable).toBe(true);
  });
  it('DLE EOT 4 roll paper: 0x12 normal, 0x1E near end, 0x72 out, 0x7E both', () => {
    expect(decodeRollPaper(0x12)).toEqual({ nearEnd: false, paperEnd: false });
    expect(decodeRollPaper(0x1e)).toEqual({ nearEnd: true, paperEnd: false });
    expect(decodeRollPaper(0x72)).toEqual({ nearEnd: false, paperEnd: true });
    expect(decodeRollPaper(0x7e)).toEqual({ nearEnd: true, paperEnd: true });
  });
  it('GS r 1 paper sensor', () => {
    expect(decodeTransmitPaper(0x00)).toEqual({ nearEnd: false, paperEnd: false });
    expect(decodeTransmitPaper(0x03)).toEqual({ nearEnd: true, paperEnd: false });
    expect(decodeTransmitPaper(0x0c)).toEqual({ nearEnd: false, paperEnd: true });
  });
  it('ASB bytes: cover (byte 1 bit 5), cutter (byte 2 bit 3), near end / end (byte 3)', () => {
    expect(conditionFromAsb([0x10, 0, 0, 0])).toEqual(READY);
    expect(conditionFromAsb([0x38, 0, 0, 0])).toMatchObject({ coverOpen: true, offline: true });
    expect(conditionFromAsb([0x18, 0x08, 0, 0])).toMatchObject({ cutterError: true });
    expect(conditionFromAsb([0x18, 0x20, 0, 0])).toMatchObject({ otherError: true });
    expect(conditionFromAsb([0x10, 0, 0x03, 0])).toMatchObject({ paper: 'low' });
    expect(conditionFromAsb([0x18, 0, 0x0c, 0])).toMatchObject({ paper: 'out' });
  });
});

describe('condition model and faults', () => {
  it('four DLE EOT replies combine into one condition', () => {
    expect(conditionFromRealtime({ 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 })).toEqual(READY);
    expect(conditionFromRealtime({ 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1e }).paper).toBe('low');
    expect(conditionFromRealtime({ 1: 0x1a, 2: 0x32, 3: 0x12, 4: 0x72 }).paper).toBe('out');
    expect(conditionFromRealtime({ 1: 0x1a, 2: 0x16, 3: 0x12, 4: 0x12 }).coverOpen).toBe(true);
    expect(conditionFromRealtime({ 1: 0x1a, 2: 0x52, 3: 0x1a, 4: 0x12 }).cutterError).toBe(true);
  });
  it('the most actionable fault wins; near end is not a fault', () => {
    expect(faultOf(READY)).toBeUndefined();
    expect(faultOf({ ...READY, paper: 'low' })).toBeUndefined();
    expect(faultOf({ ...READY, paper: 'out', coverOpen: true })).toBe('coverOpen');
    expect(faultOf({ ...READY, paper: 'out' })).toBe('paperOut');
    expect(faultOf({ ...READY, cutterError: true })).toBe('cutterError');
    expect(faultOf({ ...READY, otherError: true })).toBe('hardwareError');
    expect(faultOf({ ...READY, offline: true })).toBe('offline');
  });
  it('the emulator side produces bytes that decode back to the same condition', () => {
    const cases = [READY, { ...READY, paper: 'low' as const }, { ...READY, paper: 'out' as const }, { ...READY, coverOpen: true }, { ...READY, cutterError: true }, { ...READY, otherError: true }];
    for (const c of cases) {
      const expected = { ...c, offline: c !== READY && faultOf(c) !== undefined };
      expect(conditionFromRealtime(realtimeReplies(c))).toEqual(expected);
      expect(conditionFromAsb(asbBytes(c))).toEqual(expected);
      const r = realtimeReplies(c);
      for (const b of Object.values(r)) expect(b & 0x93).toBe(0x12);
      expect(asbBytes(c)[0] & 0x93).toBe(0x10);
      expect(transmitPaperReply(c) & 0x90).toBe(0);
    }
    expect(decodeRollPaper(realtimeReplies({ ...READY, paper: 'low', nearEndSensor: false })[4]).nearEnd).toBe(false);
  });
});
