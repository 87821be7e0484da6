import iconv from 'iconv-lite';

// CD5220 customer-display command set (the 2×20 VFD/LCD pole displays sold
// with POS systems; Epson DM-D units switch to it by DIP setting):
// ESC @ initialize, CLR (0C) clear the display, ESC Q A <text> CR the upper
// line, ESC Q B <text> CR the lower line, ESC Q D <text> CR the upper line
// scrolling continuously (for text longer than the line).

const COLUMNS = 20;
export const INIT = Buffer.from([0x1b, 0x40]);
export const CLEAR = Buffer.from([0x0c]);
const CR = 0x0d;
const line = (sel: 0x41 | 0x42 | 0x44, text: Buffer) => Buffer.concat([Buffer.from([0x1b, 0x51, sel]), text, Buffer.from([CR])]);

/**
 * Text in GB2312 cut to `columns` display columns (a GB2312 character is two
 * bytes and two columns wide; never half a character), control characters
 * removed so the text cannot end the command early.
 */
function fitText(text: string, columns = COLUMNS): Buffer {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '');
  const parts: Buffer[] = [];
  let used = 0;
  for (const ch of clean) {
    const b = iconv.encode(ch, 'gb2312');
    if (used + b.length > columns) break;
    parts.push(b);
    used += b.length;
  }
  return Buffer.concat(parts);
}

/** The upper line: fixed when it fits the 20 columns, else scrolling (ESC Q D) so nothing of it is lost. */
export function upperLine(text: string): Buffer {
  const full = fitText(text, 256);
  return full.length <= COLUMNS ? line(0x41, full) : line(0x44, full);
}

export const lowerLine = (text: string): Buffer => line(0x42, fitText(text));
