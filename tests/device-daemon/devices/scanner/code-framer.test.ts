import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CodeFramer, type FramerOutput } from '../../../../device-daemon/devices/scanner/code-framer';

function framer(maxLength: number) {
  const f = new CodeFramer({ suffix: 'CR', maxLength, interByteTimeoutMs: 100 });
  const out: FramerOutput[] = [];
  f.onOutput((o) => out.push(o));
  return { f, out };
}

describe('CodeFramer', () => {
  it('a code whose last bytes came while the daemon was busy is read whole, not cut with its tail read as a code', async () => {
    // A scanner in another process writes a code in two parts 30 ms apart over a real pipe; after the first part
    // the event loop is held for 300 ms (longer than the 100 ms that end a code) while the rest waits in the pipe.
    const child = spawn('python3', ['-u', '-c', 'import os, time\nos.write(1, b"WD0001-2025")\ntime.sleep(0.03)\nos.write(1, b"0612-00042-K\\r")'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const { f, out } = framer(64);
    let held = false;
    child.stdout.on('data', (chunk: Buffer) => {
      f.push(chunk);
      if (held) return;
      held = true;
      const end = Date.now() + 300;
      while (Date.now() < end) {
        // busy: no timer, no I/O callback runs
      }
    });
    await once(child, 'close');
    await new Promise((r) => setTimeout(r, 200));
    expect(held).toBe(true);
    expect(out).toEqual([{ ok: true, text: 'WD0001-20250612-00042-K' }]);
  });

  // Found by code-framer.fuzz.test.ts (shrunk): the over-long code's suffix
  // arrived as the first byte of a read, and the code after it was counted
  // into the discarded one.
  it('a code after an over-long one is read even when the over-long code ends exactly at a read boundary', () => {
    const { f, out } = framer(16);
    f.push(Buffer.from('A'.repeat(605)));
    f.push(Buffer.from('\r𐀀\r'));
    f.reset();
    expect(out).toEqual([
      { ok: false, reason: 'overlong', bytes: 605 },
      { ok: true, text: '𐀀' },
    ]);
  });

  it('an over-long code spread over reads is dropped once, up to its suffix, with every byte counted', () => {
    const { f, out } = framer(16);
    for (const part of ['0123456789', '0123456789', '01234', '56\rNEXT', '\r']) f.push(Buffer.from(part));
    expect(out).toEqual([
      { ok: false, reason: 'overlong', bytes: 27 },
      { ok: true, text: 'NEXT' },
    ]);
  });
});
