import { parseCaseNumber } from '../../../contract/domain/case-number';
import { maskIdNumber, maskPhone } from '../../../contract/domain/mask';
import { SCAN_TEXT_MAX } from '../../../contract/api/scanner';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A matcher for the case number inside URLs made from the config templates
 * (links.progressUrlTemplate, and the evaluation QR printed next to it on the
 * same receipt): the text must be the template with {caseNo} filled in, the
 * scheme and host compared without case.
 */
export function caseNoMatchers(templates: string[]): Array<(text: string) => string | undefined> {
  return templates
    .filter((t) => t.includes('{caseNo}'))
    .map((t) => {
      const [before, after] = t.split('{caseNo}') as [string, string];
      // A terminal id in the template may be any terminal's: a receipt from another terminal still names its case.
      const part = (s: string) => escapeRe(s).replaceAll(escapeRe('{terminalId}'), '[A-Za-z0-9]{1,12}');
      const re = new RegExp(`^${part(before)}([^&#?/\\s]{1,80})${part(after)}$`, 'i');
      return (text: string) => re.exec(text)?.[1];
    });
}

export type CaseNoExtraction = { ok: true; caseNo: string; from: 'url' | 'bare' } | { ok: false };

/**
 * The case number in a scanned code: a URL of one of the templates, or a
 * bare case number (what a 1D barcode on an older receipt holds). The number
 * must pass parseCaseNumber (format, calendar date, MOD 37,36 check).
 */
export function extractCaseNo(text: string, matchers: Array<(text: string) => string | undefined>): CaseNoExtraction {
  const t = text.trim();
  for (const m of matchers) {
    const raw = m(t);
    if (raw === undefined) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      continue;
    }
    const p = parseCaseNumber(decoded);
    if (p.ok) return { ok: true, caseNo: p.caseNo, from: 'url' };
  }
  if (t.length <= 40) {
    const p = parseCaseNumber(t);
    if (p.ok) return { ok: true, caseNo: p.caseNo, from: 'bare' };
  }
  return { ok: false };
}

/**
 * What of a scanned code may reach the UI: digit runs shaped like an ID
 * number (15–18 digits, last may be X) or a mainland mobile number masked,
 * then cut to SCAN_TEXT_MAX characters. A scanner reads whatever is put in
 * front of it (an ID card's back, a health code), so the text is treated as
 * possibly personal.
 */
export function maskScanText(text: string): string {
  const masked = text.replace(/(?<![0-9A-Za-z])\d{14,17}[\dXx](?![0-9A-Za-z])/g, (m) => maskIdNumber(m)).replace(/(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g, (m) => maskPhone(m));
  if (masked.length <= SCAN_TEXT_MAX) return masked;
  let out = '';
  for (const c of masked) {
    if (out.length + c.length > SCAN_TEXT_MAX - 1) break; // whole code points: never half a surrogate pair
    out += c;
  }
  return `${out}…`;
}
