// Column arithmetic for a thermal printer's font A: ASCII is 12 dots wide
// (one column), Chinese and full-width forms are 24 dots (two columns).
// 576 dots = 48 columns (80 mm), 384 dots = 32 columns (58 mm).

export const ASCII_DOTS = 12;
export const LINE_HEIGHT_DOTS = 24;

/** Columns one character occupies: 2 for CJK, full-width forms and other East Asian wide characters. */
export function charWidth(ch: string): 1 | 2 {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x1100) return 1;
  if (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0x303e) || // CJK radicals, punctuation
    (cp >= 0x3041 && cp <= 0x33ff) || // kana, CJK compatibility
    (cp >= 0x3400 && cp <= 0x4dbf) || // CJK ext A
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms (￥ is U+FFE5, below)
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) || // emoji (printed as a full-width substitute)
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK ext B…
  )
    return 2;
  // Chinese firmware prints these GB punctuation marks from the 24×24 font.
  if ('·—‘’“”…※№℃'.includes(ch)) return 2;
  return 1;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/** Columns of a line at a character width multiplier (GS ! width). */
export function columnsFor(paperWidthDots: number, widthMultiplier = 1): number {
  return Math.floor(paperWidthDots / (ASCII_DOTS * widthMultiplier));
}

// Characters that must not start a line (closing punctuation), and must not end one.
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〉”’,.;:?!)]}%％·…']);
const NO_LINE_END = new Set([...'（《「『【〈“‘([{']);

/**
 * Wrap text to `columns` by display width. Chinese breaks between any two
 * characters; runs of ASCII letters/digits (URLs, case numbers) break at a
 * space when they can, and only mid-run when a run is longer than a line.
 * Closing punctuation never starts a line; opening punctuation never ends one.
 */
export function wrapText(text: string, columns: number, indent = 0): string[] {
  if (columns < 2) throw new RangeError('columns must be at least 2');
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const tokens = tokenize(paragraph);
    let line = '';
    let width = 0;
    const limit = () => (lines.length === 0 || indent === 0 ? columns : columns - indent);
    const push = () => {
      lines.push(line.replace(/\s+$/, ''));
      line = '';
      width = 0;
    };
    for (let i = 0; i < tokens.length; i++) {
      let tok = tokens[i]!;
      let w = displayWidth(tok);
      if (width === 0 && /^\s+$/.test(tok) && line === '' && lines.length > 0) continue; // no leading space after a wrap
      if (width + w <= limit()) {
        const next = tokens[i + 1];
        if (NO_LINE_END.has(tok) && next !== undefined && width + w + displayWidth(next) > limit() && line.trim() !== '') {
          push();
          line = tok;
          width = w;
          continue;
        }
        line += tok;
        width += w;
        continue;
      }
      // Kinsoku: a closing mark pulls the previous character down with it.
      if (NO_LINE_START.has(tok) && line.length > 0) {
        const chars = [...line];
        let carried = '';
        // Carry the previous character (and any closing marks before it) down with this one.
        do carried = chars.pop()! + carried;
        while (chars.length > 1 && NO_LINE_START.has([...carried][0]!));
        line = chars.join('');
        push();
        line = carried + tok;
        width = displayWidth(line);
        continue;
      }
      if (line.trim() !== '') push();
      if (/^\s+$/.test(tok)) continue;
      // A token longer than a line (long URL, long number) is split by characters.
      while (w > limit()) {
        let head = '';
        let hw = 0;
        for (const ch of tok) {
          if (hw + charWidth(ch) > limit()) break;
          head += ch;
          hw += charWidth(ch);
        }
        line = head;
        push();
        tok = tok.slice(head.length);
        w = displayWidth(tok);
      }
      line = tok;
      width = w;
    }
    if (line !== '' || lines.length === 0 || paragraph === '') push();
  }
  return indent > 0 ? lines.map((l, i) => (i === 0 ? l : ' '.repeat(indent) + l)) : lines;
}

/** ASCII word runs stay together; everything else is one token per character. */
function tokenize(s: string): string[] {
  return s.match(/[A-Za-z0-9@#$&*+\-=_/\\.:;?%~'"<>|^]+|\s+|[\s\S]/gu) ?? [];
}
