import type { ErrorCode } from '../../../../contract/api';

/**
 * SW3 result codes (reference §4) and what each means for a card read.
 * `error` is the API code a read ends with when this status stops it;
 * `samFault` marks codes that say the security module itself is unwell, so
 * the device reports hardwareError until a status check passes again.
 * 0x41 is special: it is both "card unreadable" and what a card pulled
 * mid-read produces; the driver tells them apart with a find (see sam-client).
 */
type SamStatusClass = 'ok' | 'found' | 'noContent' | 'noCard' | 'cardUnreadable' | 'readFailed' | 'samFault' | 'hostFrame' | 'badCommand';

export interface SamStatusInfo {
  meaning: string;
  class: SamStatusClass;
  /** API error when this status ends a read; null for success codes. */
  error: ErrorCode | null;
  samFault: boolean;
  /** [C] confirmed by ≥2 sources, [S] single source (reference §4). */
  confidence: 'C' | 'S';
}

const s = (meaning: string, cls: SamStatusClass, error: ErrorCode | null, confidence: 'C' | 'S', samFault = false): SamStatusInfo => ({
  meaning,
  class: cls,
  error,
  samFault,
  confidence,
});

export const SAM_STATUS: Readonly<Record<number, SamStatusInfo>> = {
  0x90: s('success', 'ok', null, 'C'),
  0x9f: s('find card success', 'found', null, 'C'),
  0x91: s('no content for this item (e.g. no appended address)', 'noContent', null, 'C'),
  0x10: s('checksum error in host frame', 'hostFrame', 'hardwareError', 'C'),
  0x11: s('length error in host frame', 'hostFrame', 'hardwareError', 'C'),
  0x21: s('bad command, parameter or logic combination', 'badCommand', 'hardwareError', 'C'),
  0x23: s('operation not permitted (越权操作)', 'samFault', 'samError', 'C', true),
  0x24: s('unrecognised error', 'samFault', 'samError', 'C', true),
  0x31: s('card failed to authenticate the SAM', 'cardUnreadable', 'cardUnreadable', 'C'),
  0x32: s('SAM failed to authenticate the card', 'cardUnreadable', 'cardUnreadable', 'C'),
  0x33: s('information verification error', 'cardUnreadable', 'cardUnreadable', 'C'),
  0x34: s('card not found yet, cannot operate', 'noCard', 'noCard', 'S'),
  0x37: s('fingerprint data verification error', 'cardUnreadable', 'cardUnreadable', 'S'),
  0x3f: s('information length error', 'cardUnreadable', 'cardUnreadable', 'S'),
  0x40: s('unrecognised card type (wrong card)', 'cardUnreadable', 'cardUnreadable', 'C'),
  0x41: s('read card failed (also: card left the field mid-read)', 'readFailed', 'cardUnreadable', 'C'),
  0x47: s('get random number failed', 'cardUnreadable', 'cardUnreadable', 'C'),
  0x60: s('SAM self-test failed, cannot accept commands', 'samFault', 'samError', 'C', true),
  0x66: s('SAM not authorised', 'samFault', 'samError', 'C', true),
  0x80: s('find card failed (no card, or card already read)', 'noCard', 'noCard', 'C'),
  0x81: s('select card failed', 'noCard', 'noCard', 'C'),
};

export const KNOWN_SW3 = Object.keys(SAM_STATUS).map(Number);

/** Any code the table does not know is treated as a SAM fault: we cannot trust a module that says something undocumented. */
export function samStatus(sw3: number): SamStatusInfo {
  return SAM_STATUS[sw3] ?? s(`undocumented status 0x${sw3.toString(16).padStart(2, '0')}`, 'samFault', 'samError', 'S', true);
}

/** What a command is, for which answers it can give. */
type CommandFamily = 'find' | 'select' | 'read' | 'module';

/** The command families each class of code can answer (reference §3–4): 9F only a find, 90 anything but a find, 91 a read of an item. */
const ANSWERS: Readonly<Record<SamStatusClass, readonly CommandFamily[]>> = {
  ok: ['select', 'read', 'module'],
  found: ['find'],
  noContent: ['read'],
  noCard: ['find', 'select', 'read'],
  cardUnreadable: ['find', 'select', 'read'],
  readFailed: ['select', 'read'],
  samFault: ['find', 'select', 'read', 'module'],
  hostFrame: ['find', 'select', 'read', 'module'],
  badCommand: ['find', 'select', 'read', 'module'],
};

function familyOf(c: { cmd: number; para: number }): CommandFamily {
  if (c.cmd === 0x20) return c.para === 0x01 ? 'find' : 'select';
  return c.cmd === 0x30 ? 'read' : 'module';
}

/**
 * Whether `sw3` is an answer this command can give. A reply carries no echo of
 * its command, so the late answer to a command the host gave up on reaches it
 * while the next command waits; a code the waiting command cannot give (a
 * status check's 90 during a find, a presence check's 41 during a find, a
 * find's 9F during a select) is that late answer, not this one's. Codes about
 * the module or the host's frame, and undocumented ones, can answer anything.
 */
export function canAnswer(command: { cmd: number; para: number }, sw3: number): boolean {
  return ANSWERS[samStatus(sw3).class].includes(familyOf(command));
}

export function describeSw3(sw3: number): string {
  return `SW3 0x${sw3.toString(16).padStart(2, '0').toUpperCase()} (${samStatus(sw3).meaning})`;
}
