import type { HidFraming, ReportDecoder } from '../transport/hid-transport';

// Keyboard-report scanners (a "keyboard wedge" read through hidraw): each
// character arrives as a key press in a boot-protocol keyboard input report
// and the code ends with Enter. Usage IDs are those of the USB HID Usage
// Tables, Keyboard/Keypad Page (0x07), section 10 of HUT 1.5 (usb.org,
// hut1_5.pdf); the report layout is the boot keyboard report of the Device
// Class Definition for HID 1.11, Appendix B.1: byte 0 modifier bits
// (LeftCtrl, LeftShift, LeftAlt, LeftGUI, RightCtrl, RightShift, RightAlt,
// RightGUI = bits 0..7), byte 1 reserved, bytes 2..7 up to six usage IDs of
// the keys held down. The characters are those of the US layout, which is
// what scanners emit unless set to another keyboard country.

const MOD_LEFT_SHIFT = 0x02;
const MOD_RIGHT_SHIFT = 0x20;
const MOD_CTRL = 0x01 | 0x10;
const MOD_ALT = 0x04 | 0x40;

const USAGE_ENTER = 0x28;
const USAGE_KEYPAD_ENTER = 0x58;
const USAGE_ERROR_ROLL_OVER = 0x01;

/** Usage ID → [unshifted, shifted] on the US layout (HUT 1.5 §10, Keyboard/Keypad Page). */
const KEYS: Readonly<Record<number, readonly [string, string]>> = (() => {
  const m: Record<number, readonly [string, string]> = {};
  // 0x04..0x1D: a..z
  for (let i = 0; i < 26; i++) m[0x04 + i] = [String.fromCharCode(0x61 + i), String.fromCharCode(0x41 + i)];
  // 0x1E..0x27: 1..9, 0 with their shifted symbols
  const digits = '1234567890';
  const shifted = '!@#$%^&*()';
  for (let i = 0; i < 10; i++) m[0x1e + i] = [digits[i]!, shifted[i]!];
  const rest: Array<[number, string, string]> = [
    [0x2c, ' ', ' '],
    [0x2d, '-', '_'],
    [0x2e, '=', '+'],
    [0x2f, '[', '{'],
    [0x30, ']', '}'],
    [0x31, '\\', '|'],
    [0x32, '#', '~'], // Non-US # and ~
    [0x33, ';', ':'],
    [0x34, "'", '"'],
    [0x35, '`', '~'],
    [0x36, ',', '<'],
    [0x37, '.', '>'],
    [0x38, '/', '?'],
    // Keypad (0x54..0x63): scanners set to "emulate keypad" send these; NumLock assumed on.
    [0x54, '/', '/'],
    [0x55, '*', '*'],
    [0x56, '-', '-'],
    [0x57, '+', '+'],
    [0x59, '1', '1'],
    [0x5a, '2', '2'],
    [0x5b, '3', '3'],
    [0x5c, '4', '4'],
    [0x5d, '5', '5'],
    [0x5e, '6', '6'],
    [0x5f, '7', '7'],
    [0x60, '8', '8'],
    [0x61, '9', '9'],
    [0x62, '0', '0'],
    [0x63, '.', '.'],
  ];
  for (const [u, a, b] of rest) m[u] = [a, b];
  return m;
})();

/** The character a usage ID types, or undefined for keys that type none (Enter, Tab, F-keys …). */
export function usageToChar(usage: number, shift: boolean): string | undefined {
  const k = KEYS[usage];
  return k ? k[shift ? 1 : 0] : undefined;
}

export type KeyboardEvent = { type: 'char'; char: string } | { type: 'enter' } | { type: 'unknown'; usage: number };

/**
 * Turns a stream of keyboard input reports into key presses. A key counts
 * once, on the report where it first appears (scanners send press, then an
 * all-up report; a doubled character needs the release in between, as on a
 * real keyboard). Reports with a report ID (9 bytes) are accepted too.
 * Ctrl/Alt chords type nothing (a scanner's function codes, never text).
 */
export class KeyboardReportDecoder {
  private held = new Set<number>();

  push(report: Buffer): KeyboardEvent[] {
    const r = report.length === 9 ? report.subarray(1) : report;
    if (r.length < 3) return [];
    const mods = r[0]!;
    const keys = [...r.subarray(2, 8)].filter((u) => u !== 0);
    if (keys.includes(USAGE_ERROR_ROLL_OVER)) return []; // phantom state: keep the previous set
    const out: KeyboardEvent[] = [];
    const shift = (mods & (MOD_LEFT_SHIFT | MOD_RIGHT_SHIFT)) !== 0;
    for (const u of keys) {
      if (this.held.has(u)) continue;
      if (u === USAGE_ENTER || u === USAGE_KEYPAD_ENTER) out.push({ type: 'enter' });
      else if (mods & (MOD_CTRL | MOD_ALT)) out.push({ type: 'unknown', usage: u });
      else {
        const ch = usageToChar(u, shift);
        out.push(ch === undefined ? { type: 'unknown', usage: u } : { type: 'char', char: ch });
      }
    }
    this.held = new Set(keys);
    return out;
  }

  reset(): void {
    this.held.clear();
  }
}

/** Generic Desktop / Keyboard: the interface of a composite scanner that carries keyboard reports. */
const KEYBOARD_USAGE_PAGE = 0x01;
const KEYBOARD_USAGE = 0x06;
const ENTER_BYTE = Buffer.from([0x0d]);
const UNTYPED_BYTE = Buffer.from([0x00]);

/**
 * Keyboard reports as a HID framing: the HID transport delivers what the
 * keys type as bytes, so the scanner reads them with the same CodeFramer as
 * a serial scanner (Enter = CR, the code's suffix). A key that types no
 * character becomes NUL, which makes the code garbage rather than a code
 * with a character missing. The scanner only sends: output is refused.
 */
export const keyboardFraming: HidFraming = {
  name: 'keyboard',
  deviceName: 'HID scanner',
  knownIds: [],
  reportBytes: 8,
  // A press and a release per character, one report per 1 ms frame at best.
  bytesPerSecond: 500,
  prefer: (d) => d.usagePage === KEYBOARD_USAGE_PAGE && d.usage === KEYBOARD_USAGE,
  hostEncode(): Buffer[] {
    throw new Error('a keyboard-report scanner takes no output');
  },
  hostDecoder(): ReportDecoder {
    const keys = new KeyboardReportDecoder();
    return {
      errors: 0,
      push(report: Buffer): Buffer {
        const out = keys.push(report).map((e) => (e.type === 'enter' ? ENTER_BYTE : e.type === 'char' ? Buffer.from(e.char, 'utf8') : UNTYPED_BYTE));
        return Buffer.concat(out);
      },
    };
  },
};
