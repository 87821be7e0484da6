import { afterEach, describe, expect, it } from 'vitest';
import { KeyboardReportDecoder, keyboardFraming, usageToChar } from '../../../../device-daemon/devices/scanner/hid-keyboard';
import { ScannerDevice } from '../../../../device-daemon/devices/scanner/scanner-device';
import { HidTransport } from '../../../../device-daemon/devices/transport/hid-transport';
import { SimulatedHidBackend } from '../../../../device-daemon/devices/simulation/simulated-hid';
import { silent, waitFor, waitState } from './helpers';

// Keyboard-report scanners. The reports below are written by hand from the
// USB HID Usage Tables 1.5 (usb.org hut1_5.pdf), §10 Keyboard/Keypad Page
// 0x07 — a..z = 0x04..0x1D, 1..9 = 0x1E..0x26, 0 = 0x27, Enter = 0x28,
// Space = 0x2C, '-' = 0x2D, '=' = 0x2E, ';' = 0x33, '.' = 0x37, '/' = 0x38,
// Keypad 1..9 = 0x59..0x61, Keypad 0 = 0x62, Keypad Enter = 0x58 — in the boot
// keyboard report layout of HID 1.11 Appendix B.1: [modifiers, reserved,
// key1..key6], LeftShift = 0x02, RightShift = 0x20, LeftCtrl = 0x01.
// They are not produced by an encoder of ours, so the decoder is checked
// against the tables, not against itself.

const hex = (s: string) => Buffer.from(s.replace(/\s/g, ''), 'hex');
const UP = '00 00 00 00 00 00 00 00';

/** "Wd0-1⏎" as a scanner sends it: each press followed by all keys up. */
const WD0_1 = [
  '02 00 1a 00 00 00 00 00', // LeftShift + w → W
  UP,
  '00 00 07 00 00 00 00 00', // d
  UP,
  '00 00 27 00 00 00 00 00', // 0
  UP,
  '00 00 2d 00 00 00 00 00', // -
  UP,
  '00 00 1e 00 00 00 00 00', // 1
  UP,
  '00 00 28 00 00 00 00 00', // Enter
  UP,
].map(hex);

/** "https://a.cn/p?c=WD0001-20250612-00042-K⏎" */
const URL_TEXT = 'https://a.cn/p?c=WD0001-20250612-00042-K';
const URL_REPORTS = [
  '00 00 0b',
  '00 00 17',
  '00 00 17',
  '00 00 13',
  '00 00 16', // h t t p s
  '02 00 33',
  '00 00 38',
  '00 00 38', // : / /
  '00 00 04',
  '00 00 37',
  '00 00 06',
  '00 00 11', // a . c n
  '00 00 38',
  '00 00 13',
  '20 00 38', // / p ?  (RightShift for the ?)
  '00 00 06',
  '00 00 2e', // c =
  '02 00 1a',
  '02 00 07',
  '00 00 27',
  '00 00 27',
  '00 00 27',
  '00 00 1e',
  '00 00 2d', // W D 0 0 0 1 -
  '00 00 1f',
  '00 00 27',
  '00 00 1f',
  '00 00 22',
  '00 00 27',
  '00 00 23',
  '00 00 1e',
  '00 00 1f',
  '00 00 2d', // 2 0 2 5 0 6 1 2 -
  '00 00 27',
  '00 00 27',
  '00 00 27',
  '00 00 21',
  '00 00 1f',
  '00 00 2d', // 0 0 0 4 2 -
  '02 00 0e', // K
  '00 00 28', // Enter
].flatMap((r) => [hex(`${r} 00 00 00 00 00`), hex(UP)]);

function decode(reports: Buffer[]): string {
  const d = new KeyboardReportDecoder();
  let out = '';
  for (const r of reports) for (const e of d.push(r)) out += e.type === 'char' ? e.char : e.type === 'enter' ? '⏎' : `<${e.usage.toString(16)}>`;
  return out;
}

describe('HID keyboard usage → characters (HUT 1.5 §10, US layout)', () => {
  it('letters, digits, shift and symbols of a short code', () => {
    expect(decode(WD0_1)).toBe('Wd0-1⏎');
  });

  it('the receipt URL, both shift keys', () => {
    expect(decode(URL_REPORTS)).toBe(`${URL_TEXT}⏎`);
  });

  it('a key counts once while held; a repeated character needs its release; several new keys in one report', () => {
    expect(decode([hex('00 00 27 00 00 00 00 00'), hex('00 00 27 00 00 00 00 00'), hex(UP), hex('00 00 27 00 00 00 00 00')])).toBe('00');
    // Rollover: 1 held, 2 added in the next report → "12", not "112".
    expect(decode([hex('00 00 1e 00 00 00 00 00'), hex('00 00 1e 1f 00 00 00 00'), hex(UP)])).toBe('12');
  });

  it('keypad digits and keypad Enter (scanners set to "emulate keypad")', () => {
    expect(decode(['00 00 59', '00 00 62', '00 00 61', '00 00 58'].flatMap((r) => [hex(`${r} 00 00 00 00 00`), hex(UP)]))).toBe('109⏎');
  });

  it('9-byte reports (report ID first) are read the same; ErrorRollOver and Ctrl chords type nothing', () => {
    expect(decode([hex('01 02 00 1a 00 00 00 00 00'), hex('01 00 00 00 00 00 00 00 00'), hex('01 00 00 28 00 00 00 00 00')])).toBe('W⏎');
    expect(decode([hex('00 00 01 01 01 01 01 01'), hex('01 00 06 00 00 00 00 00')])).toBe('<6>'); // phantom state; Ctrl+C
    expect(usageToChar(0x3a, false)).toBeUndefined(); // F1
    expect(usageToChar(0x2c, false)).toBe(' ');
  });
});

describe('keyboard reports as a HID framing (what the HID transport hands the code framer)', () => {
  it('typed characters as UTF-8, Enter as CR, a key that types nothing as NUL; state is per link', () => {
    const d = keyboardFraming.hostDecoder();
    expect(Buffer.concat(WD0_1.map((r) => d.push(r))).toString('latin1')).toBe('Wd0-1\r');
    expect([...d.push(hex('00 00 3a 00 00 00 00 00'))]).toEqual([0x00]); // F1
    // A key still held on the old link counts again on a new one (a fresh decoder per open).
    const held = hex('00 00 27 00 00 00 00 00');
    d.push(held);
    expect(d.push(held)).toHaveLength(0);
    expect(keyboardFraming.hostDecoder().push(held).toString()).toBe('0');
    expect(() => keyboardFraming.hostEncode(Buffer.from('x'))).toThrow(/no output/);
  });
});

const SCANNER = { vendorId: 0x1eab, productId: 0x8203 };

describe('HID scanner driver (keyboard reports through node-hid)', () => {
  const devices: ScannerDevice[] = [];
  afterEach(async () => {
    for (const d of devices.splice(0)) await d.stop();
  });

  function make(backend: SimulatedHidBackend, path?: string) {
    const transport = new HidTransport({ framing: keyboardFraming, vendorId: '0x1EAB', productId: '8203', backend, ...(path ? { path } : {}) });
    const framing = { suffix: 'CR' as const, maxLength: 64, interByteTimeoutMs: 80 };
    const device = new ScannerDevice({ driver: 'hid', transport, framing, log: silent, repeatWindowMs: 0, lifecycle: { retryDelayMs: () => 40 } });
    devices.push(device);
    const codes: string[] = [];
    const discards: string[] = [];
    device.onCode((c) => codes.push(c.text));
    device.onDiscard((d) => discards.push(d.reason));
    return { device, codes, discards };
  }

  it('opens the keyboard interface of a composite scanner and reads whole codes', async () => {
    const hid = new SimulatedHidBackend({
      interfaces: [
        { ...SCANNER, path: '/dev/hidraw3', usagePage: 0xff00, usage: 1 },
        { ...SCANNER, path: '/dev/hidraw4', usagePage: 0x01, usage: 0x06 },
        { vendorId: 0x046d, productId: 0xc31c, path: '/dev/hidraw0', usagePage: 0x01, usage: 0x06 },
      ],
    });
    const { device, codes } = make(hid);
    await device.start();
    expect(device.status().state).toBe('online');
    expect(hid.opened).toEqual(['/dev/hidraw4']);
    expect(device.status().detail.link).toBe('hid:/dev/hidraw4/keyboard');
    await hid.sendReports(URL_REPORTS);
    await hid.sendReports(WD0_1);
    await waitFor(() => codes.length === 2);
    expect(codes).toEqual([URL_TEXT, 'Wd0-1']);
  });

  it('a code cut off (no Enter) is dropped after the inter-key timeout; a key that types nothing makes the code garbage', async () => {
    const hid = new SimulatedHidBackend({ interfaces: [{ ...SCANNER, path: '/dev/hidraw4' }] });
    const { device, codes, discards } = make(hid);
    await device.start();
    await hid.sendReports(URL_REPORTS.slice(0, 20));
    await waitFor(() => discards.length === 1, 2000, 'partial discard');
    expect(discards).toEqual(['partial']);
    await hid.sendReports([hex('00 00 3a 00 00 00 00 00'), hex(UP), ...WD0_1]); // F1, then a code
    await waitFor(() => discards.length === 2, 2000, 'garbage discard');
    expect(discards[1]).toBe('garbage');
    expect(codes).toEqual([]);
    await hid.sendReports(WD0_1);
    await waitFor(() => codes.length === 1);
    expect(codes).toEqual(['Wd0-1']);
  });

  it('absent: noDevice; unplugged: offline, then back online when it returns', async () => {
    const hid = new SimulatedHidBackend({ interfaces: [{ ...SCANNER, path: '/dev/hidraw4' }] });
    hid.unplug();
    const { device, codes, discards } = make(hid);
    await device.start();
    expect(device.status().state).toBe('noDevice');
    expect(device.status().reason).toMatch(/no HID scanner 1eab:8203/);
    hid.replug();
    await waitState(device, 'online');
    expect(device.status().detail.link).toBe('hid:/dev/hidraw4/keyboard');
    await hid.sendReports(WD0_1.slice(0, 4)); // mid-code
    hid.unplug();
    await waitState(device, 'offline');
    expect(device.status().reason).toMatch(/HID device lost/);
    expect(discards).toEqual(['partial']); // the "Wd" typed before the unplug
    hid.replug();
    await waitState(device, 'online');
    await hid.sendReports(WD0_1);
    await waitFor(() => codes.length === 1);
    expect(codes).toEqual(['Wd0-1']); // the "Wd" before the unplug was not glued on
  });

  it('permission denied on the hidraw node is a hardware error that says what to do', async () => {
    const hid = new SimulatedHidBackend({ interfaces: [{ ...SCANNER, path: '/dev/hidraw4' }] });
    hid.accessDenied = true;
    const { device } = make(hid, '/dev/hidraw4');
    await device.start();
    expect(device.status().state).toBe('hardwareError');
    expect(device.status().reason).toMatch(/udev rule/);
  });
});
