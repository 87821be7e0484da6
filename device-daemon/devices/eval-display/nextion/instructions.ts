import iconv from 'iconv-lite';

/** Text encodings a Nextion display can be set to (its editor's "encode" option); the daemon must send the same. */
export type NextionEncoding = 'utf-8' | 'gb2312';

/** Every instruction and every reply ends with three 0xFF bytes (Nextion Instruction Set, "Instruction Format"). */
export const TERMINATOR = Buffer.from([0xff, 0xff, 0xff]);

/**
 * A text value as a Nextion string literal, inside double quotes: a
 * backslash and a double quote are escaped with a backslash, a line break is
 * `\r` (the instruction set's only escapes); other control characters are
 * dropped, since the display cannot show them and they would end up as
 * garbage on the line.
 */
function quoteText(text: string): string {
  const body = text
    .replace(/\r\n|\r|\n/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
    .replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\r' : `\\${c}`));
  return `"${body}"`;
}

/**
 * One instruction on the wire: its text in the display's encoding, then
 * FF FF FF. Neither encoding can produce 0xFF inside the text (it is not a
 * UTF-8 byte, and GB2312 bytes stop at 0xFE), so the terminator is never
 * mistaken. A character GB2312 lacks is sent as "?" (iconv-lite's
 * replacement), which the display shows rather than choking on.
 */
export function encodeInstruction(instruction: string, encoding: NextionEncoding): Buffer {
  const text = encoding === 'utf-8' ? Buffer.from(instruction, 'utf8') : iconv.encode(instruction, 'gb2312');
  return Buffer.concat([text, TERMINATOR]);
}

/** `<component>.txt="<text>"`: set a text (or QR) component's content. */
export const setText = (component: string, text: string) => `${component}.txt=${quoteText(text)}`;

/** The instruction text of an encoded instruction (tests, the simulator). */
export function decodeInstruction(bytes: Buffer, encoding: NextionEncoding): string {
  return encoding === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, 'gb2312');
}

/**
 * Return codes of a Nextion display (Instruction Set, "Format of Nextion
 * Return Data"): a failed instruction answers one of these bytes then
 * FF FF FF. With `bkcmd=3` a successful one answers 0x01, so every
 * instruction gets exactly one answer and a failure names its instruction.
 */
export const RETURN_CODES: Readonly<Record<number, string>> = {
  0x00: 'invalid instruction',
  0x01: 'instruction successful',
  0x02: 'invalid component id',
  0x03: 'invalid page id',
  0x04: 'invalid picture id',
  0x05: 'invalid font id',
  0x06: 'invalid file operation',
  0x09: 'invalid CRC',
  0x11: 'invalid baud rate setting',
  0x12: 'invalid waveform id or channel',
  0x1a: 'invalid variable name or attribute',
  0x1b: 'invalid variable operation',
  0x1c: 'assignment failed',
  0x1d: 'EEPROM operation failed',
  0x1e: 'invalid quantity of parameters',
  0x1f: 'IO operation failed',
  0x20: 'escape character invalid',
  0x23: 'variable name too long',
  0x24: 'serial buffer overflow',
};

export const SUCCESS = 0x01;
