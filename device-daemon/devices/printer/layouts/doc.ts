// A receipt as data: what to print, not how. Layouts build a ReceiptDoc from
// their typed input (personal data already masked); render.ts turns it into
// ESC/POS for a given paper width and encoding. Keeping the doc width-free
// is what lets one layout fit 58 mm and 80 mm paper.

import { chinaIso } from '../../../../contract/domain/china-time';

export type DocBlock =
  /** Centred, double size, bold. */
  | { kind: 'title'; text: string }
  /** Centred, bold. */
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; align?: 'left' | 'center' | 'right'; bold?: boolean }
  /** "标签：值", the value wrapped under itself (hanging indent) when it is long. */
  | { kind: 'field'; label: string; value: string; bold?: boolean }
  | { kind: 'list'; items: string[]; numbered: boolean }
  | { kind: 'rule' }
  | { kind: 'qr'; payload: string; caption?: string }
  | { kind: 'feed'; lines: number };

export interface ReceiptDoc {
  layout: string;
  blocks: DocBlock[];
}

/** Context a layout may print (site, terminal, time); resolved by the caller, not read from globals. */
export interface LayoutContext {
  siteName: string;
  terminalId: string;
  now: Date;
}

/**
 * 2025-06-12 14:03 in China Standard Time, whatever the daemon's TZ. China
 * Standard Time is UTC+8 all year, so the instant is shifted rather than
 * formatted by Intl: an Intl.DateTimeFormat maps several MB of ICU's locale
 * and time-zone tables from the node binary into the daemon's memory for good.
 */
export function chinaTime(d: Date | string): string {
  const ms = (typeof d === 'string' ? new Date(d) : d).getTime();
  return chinaIso(ms).slice(0, 16).replace('T', ' ');
}

/** 好差评 by QR: every service event's paper carries the code its rating is asked for by (the terminal id is in the URL). */
export function evaluationQr(url: string): DocBlock {
  return { kind: 'qr', payload: url, caption: '扫码评价本次服务（好差评）' };
}
