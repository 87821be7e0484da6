// Case numbers (办件编号): unique across the fleet without coordination because
// each terminal id is unique and each terminal numbers its own cases per day.
//
//   WD0001-20250612-00042-K
//   │      │        │     └ check character, ISO 7064 MOD 37,36 over the 0-9A-Z body
//   │      │        └ per-terminal, per-day sequence (5 digits: far above a kiosk's daily volume)
//   │      └ acceptance date, China Standard Time
//   └ terminal id (config terminalId, 4–12 of A-Z0-9)
//
// Only 0-9, A-Z and '-' are used, so the number fits the QR alphanumeric mode
// and reads aloud unambiguously on the phone.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;

export interface CaseNumberParts {
  terminalId: string;
  /** YYYYMMDD */
  date: string;
  seq: number;
}

const SEQ_DIGITS = 5;
export const MAX_SEQ = 10 ** SEQ_DIGITS - 1;

/** ISO/IEC 7064 MOD 37,36 (hybrid system): catches every single substitution and adjacent transposition. */
export function mod3736Check(body: string): string {
  let p = M;
  for (const ch of body) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error(`character ${JSON.stringify(ch)} is outside 0-9A-Z`);
    let s = (p + v) % M;
    if (s === 0) s = M;
    p = (2 * s) % (M + 1);
  }
  return ALPHABET[(M + 1 - p) % M]!;
}

export function formatCaseNumber({ terminalId, date, seq }: CaseNumberParts): string {
  if (!/^[A-Z0-9]{4,12}$/.test(terminalId)) throw new Error(`bad terminal id ${terminalId}`);
  if (!/^\d{8}$/.test(date)) throw new Error(`bad date ${date}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ) throw new Error(`sequence ${seq} out of range 1..${MAX_SEQ}`);
  const s = String(seq).padStart(SEQ_DIGITS, '0');
  return `${terminalId}-${date}-${s}-${mod3736Check(terminalId + date + s)}`;
}

export type CaseNumberParse = { ok: true; caseNo: string; parts: CaseNumberParts } | { ok: false; reason: 'format' | 'check' | 'demo'; message: string };

/** What the demo store puts before its case numbers (contract/api/demo.ts DEMO_CASE_PREFIX; the domain leaf imports nothing). */
const DEMO_PREFIX = 'DEMO-';

/**
 * Accepts what a resident types or a scanner reads: any case, spaces, full-width
 * characters and dashes, with or without separators. Answers the canonical form.
 * A demo case (DEMO-…, from the demo store) is a case number only in demo
 * mode (`demo`); outside it, it is refused as a demo number, never looked up.
 */
export function parseCaseNumber(input: string, opts: { demo?: boolean } = {}): CaseNumberParse {
  const compact = input
    .normalize('NFKC') // full-width Ａ１－ → A1-
    .toUpperCase()
    .replace(/[\s\-‐‑–—_]/g, '');
  const plain = parseCompact(compact);
  const demoPart = compact.startsWith('DEMO') ? parseCompact(compact.slice(4)) : undefined;
  // A terminal id may itself begin with DEMO: in demo mode the demo reading wins when it checks out, outside it the plain one.
  if (opts.demo && demoPart?.ok) return { ...demoPart, caseNo: DEMO_PREFIX + demoPart.caseNo };
  if (!plain.ok && demoPart?.ok) return { ok: false, reason: 'demo', message: 'a DEMO- number is a demo-mode case: it is not a real case and is known only in demo mode' };
  return plain;
}

function parseCompact(compact: string): CaseNumberParse {
  const m = /^([A-Z0-9]{4,12})(\d{8})(\d{5})([0-9A-Z])$/.exec(compact);
  if (!m) {
    return {
      ok: false,
      reason: 'format',
      message: 'a case number looks like WD0001-20250612-00042-K (terminal, date, sequence, check character)',
    };
  }
  const [, terminalId, date, seqText, check] = m as unknown as [string, string, string, string, string];
  if (!isCalendarDate(date)) return { ok: false, reason: 'format', message: `the date part ${date} is not a calendar date` };
  if (mod3736Check(terminalId + date + seqText) !== check) {
    return { ok: false, reason: 'check', message: 'the check character does not match: a character was probably mistyped' };
  }
  const parts = { terminalId, date, seq: Number(seqText) };
  return { ok: true, caseNo: formatCaseNumber(parts), parts };
}

function isCalendarDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
