import iconv from 'iconv-lite';

// Text → printer bytes for a Chinese-firmware printer in FS & mode.
// GB18030 printers take everything iconv-lite encodes. GBK-only firmware
// prints garbage for GB18030 four-byte codes (¥ U+00A5 → 81 30 84 36 printed
// as "0 6"), so for a GBK profile every character that has no 1- or 2-byte
// GBK code is replaced by a visible substitute before encoding: the closest
// GBK character where one exists (¥ → ￥), else a full-width question mark.

export type PrinterEncoding = 'GB18030' | 'GBK';

/** Visible GBK substitutes for common characters GBK lacks (or maps to a single 0x80 byte). */
const GBK_SUBSTITUTES: Record<string, string> = {
  '¥': '￥',
  '€': 'EUR',
  '•': '·',
  '‧': '·',
  '–': '－',
  '—': '—',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '″': '"',
  '′': "'",
  '…': '…',
  '™': 'TM',
  '©': '(C)',
  '®': '(R)',
  '\u00a0': ' ',
  '\u3000': '　',
};

/** Shown where a character cannot be printed at all (emoji on GBK …). */
const UNPRINTABLE = '？';

/** Characters the printer would take as commands: C0 controls and DEL. Never send them inside text. */
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * Prepare text for a profile: strip control characters, then (GBK) replace
 * what GBK cannot print. Returns the printable string and what was replaced.
 */
export function printableText(text: string, encoding: PrinterEncoding): { text: string; replaced: string[] } {
  const clean = text.replace(CONTROL, '');
  const replaced: string[] = [];
  let out = '';
  for (const ch of clean) {
    if (encoding === 'GB18030' || isGbkPrintable(ch)) {
      out += ch;
      continue;
    }
    const sub = GBK_SUBSTITUTES[ch];
    out += sub !== undefined && [...sub].every(isGbkPrintable) ? sub : UNPRINTABLE;
    replaced.push(ch);
  }
  return { text: out, replaced };
}

const gbkCache = new Map<string, boolean>();

/** Does GBK firmware print this character as itself (a 1-byte ASCII or a valid 2-byte GBK code)? */
function isGbkPrintable(ch: string): boolean {
  const cached = gbkCache.get(ch);
  if (cached !== undefined) return cached;
  const bytes = iconv.encode(ch, 'GBK');
  let ok: boolean;
  if (bytes.length === 1) ok = bytes[0]! < 0x80 && (bytes[0] !== 0x3f || ch === '?');
  else ok = bytes.length === 2 && bytes[0]! >= 0x81 && bytes[0]! <= 0xfe && bytes[1]! >= 0x40 && bytes[1] !== 0x7f;
  if (gbkCache.size < 4096) gbkCache.set(ch, ok);
  return ok;
}
