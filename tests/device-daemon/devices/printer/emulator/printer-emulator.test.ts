import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { PrinterEmulator } from '../../../../../device-daemon/devices/printer/emulator/printer-emulator';

// The simulated printer runs for months in a demo terminal's daemon: what it
// keeps of the bytes it received must stay small whatever it is sent.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const arrayBuffersAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().arrayBuffers;
};

describe('printer emulator memory', () => {
  it('keeps at most 256 KB of the bytes it received, in memory too, after 5 MB sent in small chunks', () => {
    const emu = new PrinterEmulator({ encoding: 'GB18030', paperWidthDots: 576, nativeQr: true, autoStatusBack: false, nearEndSensor: true });
    const init = Buffer.from('\x1b@'.repeat(50), 'latin1'); // 100 bytes of ESC @: nothing to print, nothing to answer
    const before = arrayBuffersAfterGc();
    for (let i = 0; i < 50_000; i++) emu.receive(Buffer.from(init));
    const grown = arrayBuffersAfterGc() - before;
    // 4 MB of 100-byte Buffers were kept before (each pinning part of a pooled slab): the daemon grew ~9 KB a session
    expect(grown).toBeLessThan(1024 * 1024);
    expect(emu.received.length).toBe(256 * 1024);
    expect(emu.received.subarray(0, 4)).toEqual(Buffer.from('\x1b@\x1b@', 'latin1'));
  });
});
