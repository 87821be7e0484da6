// Printer → host bytes: classify each by its fixed-bit mask (Citizen
// "Identification of Send Status", receiptio) and decode it into a
// condition the driver and the status block understand.
//
//   DLE EOT reply   (b & 0x93) == 0x12          one byte per query
//   ASB             (b & 0x93) == 0x10, then 3 bytes with (b & 0x90) == 0
//   GS r reply      (b & 0x90) == 0
//   XON / XOFF      0x11 / 0x13
//   block data      starts 0x5F (or 0x35 0x37 0x3B 0x3D), ends NUL

export type ReplyEvent =
  | { kind: 'realtime'; byte: number }
  | { kind: 'asb'; bytes: [number, number, number, number] }
  | { kind: 'transmit'; byte: number }
  | { kind: 'xon' }
  | { kind: 'xoff' }
  | { kind: 'block'; bytes: Buffer }
  | { kind: 'unknown'; byte: number };

const isRealtimeReply = (b: number) => (b & 0x93) === 0x12;
const isAsbHead = (b: number) => (b & 0x93) === 0x10;
const isAsbTail = (b: number) => (b & 0x90) === 0;
const isTransmitReply = (b: number) => (b & 0x90) === 0;
const BLOCK_STARTS = new Set([0x5f, 0x35, 0x37, 0x3b, 0x3d]);
const MAX_BLOCK = 256;

/** Splits the reply stream into events; keeps partial ASB/block data across chunks. */
export class ReplyReader {
  private asb: number[] | null = null;
  private block: number[] | null = null;

  push(chunk: Buffer): ReplyEvent[] {
    const out: ReplyEvent[] = [];
    for (const b of chunk) {
      if (this.asb) {
        if (isAsbTail(b)) {
          this.asb.push(b);
          if (this.asb.length === 4) {
            out.push({ kind: 'asb', bytes: this.asb as [number, number, number, number] });
            this.asb = null;
          }
          continue;
        }
        // A broken ASB (lost bytes): drop it and read this byte afresh.
        this.asb = null;
      }
      if (this.block) {
        if (b === 0 || this.block.length >= MAX_BLOCK) {
          out.push({ kind: 'block', bytes: Buffer.from(this.block) });
          this.block = null;
        } else this.block.push(b);
        continue;
      }
      if (b === 0x11) out.push({ kind: 'xon' });
      else if (b === 0x13) out.push({ kind: 'xoff' });
      else if (isRealtimeReply(b)) out.push({ kind: 'realtime', byte: b });
      else if (isAsbHead(b)) this.asb = [b];
      else if (isTransmitReply(b)) out.push({ kind: 'transmit', byte: b });
      else if (BLOCK_STARTS.has(b)) this.block = [b];
      else out.push({ kind: 'unknown', byte: b });
    }
    return out;
  }

  reset(): void {
    this.asb = null;
    this.block = null;
  }
}

const bit = (b: number, n: number) => (b & (1 << n)) !== 0;

/** DLE EOT 1 — printer status. */
export function decodePrinterStatus(b: number) {
  return { drawerHigh: bit(b, 2), offline: bit(b, 3), waitingRecovery: bit(b, 5), feedButton: bit(b, 6) };
}
/** DLE EOT 2 — offline cause. */
export function decodeOfflineCause(b: number) {
  return { coverOpen: bit(b, 2), feeding: bit(b, 3), paperEndStop: bit(b, 5), error: bit(b, 6) };
}
/** DLE EOT 3 — error cause. */
export function decodeErrorCause(b: number) {
  return { mechanical: bit(b, 2), cutter: bit(b, 3), unrecoverable: bit(b, 5), autoRecoverable: bit(b, 6) };
}
/** DLE EOT 4 — roll paper sensor: 0x0C near end, 0x60 paper end. */
export function decodeRollPaper(b: number) {
  return { nearEnd: (b & 0x0c) !== 0, paperEnd: (b & 0x60) !== 0 };
}
/** GS r 1 — paper sensor: 0x03 near end, 0x0C end. */
export function decodeTransmitPaper(b: number) {
  return { nearEnd: (b & 0x03) !== 0, paperEnd: (b & 0x0c) !== 0 };
}

/** What the driver knows about the printer's mechanism. */
export interface PrinterCondition {
  offline: boolean;
  coverOpen: boolean;
  paper: 'ok' | 'low' | 'out';
  cutterError: boolean;
  /** Mechanical / unrecoverable / auto-recoverable (head hot, voltage) errors. */
  otherError: boolean;
}

export const READY: PrinterCondition = { offline: false, coverOpen: false, paper: 'ok', cutterError: false, otherError: false };

/** Combine the four DLE EOT replies (1 printer, 2 offline cause, 3 error cause, 4 roll paper). */
export function conditionFromRealtime(r: { 1: number; 2: number; 3: number; 4: number }): PrinterCondition {
  const s = decodePrinterStatus(r[1]);
  const o = decodeOfflineCause(r[2]);
  const e = decodeErrorCause(r[3]);
  const p = decodeRollPaper(r[4]);
  return {
    offline: s.offline,
    coverOpen: o.coverOpen,
    paper: p.paperEnd || o.paperEndStop ? 'out' : p.nearEnd ? 'low' : 'ok',
    cutterError: e.cutter,
    otherError: e.mechanical || e.unrecoverable || e.autoRecoverable,
  };
}

/** Decode a 4-byte Automatic Status Back. */
export function conditionFromAsb([b1, b2, b3]: readonly number[]): PrinterCondition {
  const x = b2 ?? 0;
  const y = b3 ?? 0;
  return {
    offline: bit(b1 ?? 0, 3),
    coverOpen: bit(b1 ?? 0, 5),
    paper: (y & 0x0c) !== 0 ? 'out' : (y & 0x03) !== 0 ? 'low' : 'ok',
    cutterError: bit(x, 3),
    otherError: bit(x, 2) || bit(x, 5) || bit(x, 6),
  };
}

export type ConditionFault = 'coverOpen' | 'paperOut' | 'cutterError' | 'hardwareError' | 'offline';

/** The one reason this condition stops printing, most actionable first; undefined when it can print. */
export function faultOf(c: PrinterCondition): ConditionFault | undefined {
  if (c.coverOpen) return 'coverOpen';
  if (c.paper === 'out') return 'paperOut';
  if (c.cutterError) return 'cutterError';
  if (c.otherError) return 'hardwareError';
  if (c.offline) return 'offline';
  return undefined;
}

/** XFS-style status detail (flat, for DeviceStatus.detail). */
export function conditionDetail(c: PrinterCondition | undefined): { paper: string; cover: string; cutter: string } {
  if (!c) return { paper: 'unknown', cover: 'unknown', cutter: 'unknown' };
  return { paper: c.paper === 'ok' ? 'full' : c.paper, cover: c.coverOpen ? 'open' : 'closed', cutter: c.cutterError ? 'error' : 'ok' };
}

/** Condition → the bytes a printer would send; used by the emulator (the device side of the same masks). */
export function realtimeReplies(c: PrinterCondition & { nearEndSensor?: boolean }): { 1: number; 2: number; 3: number; 4: number } {
  const stopped = c.coverOpen || c.paper === 'out' || c.cutterError || c.otherError || c.offline;
  const near = c.paper === 'low' && c.nearEndSensor !== false;
  return {
    1: 0x12 | (stopped ? 0x08 : 0),
    2: 0x12 | (c.coverOpen ? 0x04 : 0) | (c.paper === 'out' ? 0x20 : 0) | (c.cutterError || c.otherError ? 0x40 : 0),
    3: 0x12 | (c.otherError ? 0x04 : 0) | (c.cutterError ? 0x08 : 0),
    4: 0x12 | (near ? 0x0c : 0) | (c.paper === 'out' ? 0x60 : 0),
  };
}

export function asbBytes(c: PrinterCondition & { nearEndSensor?: boolean }): [number, number, number, number] {
  const stopped = c.coverOpen || c.paper === 'out' || c.cutterError || c.otherError || c.offline;
  const near = c.paper === 'low' && c.nearEndSensor !== false;
  return [0x10 | (stopped ? 0x08 : 0) | (c.coverOpen ? 0x20 : 0), (c.otherError ? 0x04 : 0) | (c.cutterError ? 0x08 : 0), (near ? 0x03 : 0) | (c.paper === 'out' ? 0x0c : 0), 0x00];
}

export function transmitPaperReply(c: PrinterCondition & { nearEndSensor?: boolean }): number {
  const near = c.paper === 'low' && c.nearEndSensor !== false;
  return (near ? 0x03 : 0) | (c.paper === 'out' ? 0x0c : 0);
}
