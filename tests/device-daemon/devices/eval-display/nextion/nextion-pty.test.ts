import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NextionDisplay } from '../../../../../device-daemon/devices/eval-display/nextion/nextion-display';
import { SerialTransport } from '../../../../../device-daemon/devices/transport/serial-transport';
import { LAYOUT, silent, stopAll, track, waitFor } from '../helpers';

// The Nextion driver on the native serialport binding against a separate
// process on the other end of a real pseudo-terminal: a small Nextion written
// independently in python3 (not the in-process simulator), so the driver is
// checked against a second reading of the instruction set. It answers
// connect, bkcmd, page, sendme and .txt= as a display with bkcmd=3 does,
// prints each instruction it got, and presses the 满意 button (component 2)
// once the caption is set.
const DISPLAY = String.raw`
import os, sys, pty, tty, select, json, signal, time
link = sys.argv[1]
m, s = pty.openpty()
tty.setraw(s)
try: os.unlink(link)
except FileNotFoundError: pass
os.symlink(os.ttyname(s), link)
def bye(*_):
    try: os.unlink(link)
    except OSError: pass
    os._exit(0)
signal.signal(signal.SIGTERM, bye)
sys.stderr.write("ready\n"); sys.stderr.flush()
T = b"\xff\xff\xff"
pages = {"idle": 0, "eval": 1}
page = 0
buf = b""
while True:
    r, _, _ = select.select([m], [], [])
    buf += os.read(m, 4096)
    while T in buf:
        ins, buf = buf.split(T, 1)
        text = ins.decode("utf-8")
        print(json.dumps(text), flush=True)
        out = b"\x00" + T
        if text == "connect": out = b"comok 1,101-0,NX8048P070_011C,52,61721,E467A4B7FF0A3C2B,134217728" + T
        elif text.startswith("bkcmd="): out = b"\x01" + T
        elif text == "sendme": out = bytes([0x66, page]) + T
        elif text.startswith("page "):
            name = text[5:]
            if name in pages: page = pages[name]; out = b"\x01" + T
            else: out = b"\x03" + T
        elif text.startswith("qr0.txt=") or text.startswith("t0.txt="): out = b"\x01" + T
        os.write(m, out)
        if text.startswith("t0.txt="):
            # the press comes in two writes, as a UART's bytes may reach the host
            os.write(m, bytes([0x65, page, 2]))
            time.sleep(0.03)
            os.write(m, bytes([1]) + T + bytes([0x65, page, 2, 0]) + T)
`;

const procs: ChildProcess[] = [];
afterEach(async () => {
  await stopAll();
  for (const p of procs.splice(0)) if (p.exitCode === null) p.kill('SIGTERM');
});

describe('Nextion driver on a real pseudo-terminal against a separate display process', () => {
  it('a press whose last bytes came while the daemon was busy is still read', async () => {
    const link = join(tmpdir(), `nextion-test-${process.pid}-${Date.now()}-held`);
    const proc = spawn('python3', ['-u', '-c', DISPLAY, link], { stdio: ['ignore', 'ignore', 'pipe'] });
    procs.push(proc);
    await new Promise<void>((resolve, reject) => {
      proc.stderr!.once('data', () => resolve());
      proc.once('exit', (code) => reject(new Error(`display process exited with ${code}`)));
    });
    const transport = new SerialTransport({ path: link, baudRate: 9600 });
    const { device, presses } = track(new NextionDisplay({ ...LAYOUT, driver: 'serial', log: silent, transport }));
    await device.start();
    // The first bytes of the touch event are in; the event loop is then held for 300 ms, longer than the 100 ms of
    // silence that end a frame, while the rest arrives and waits in the pty (Node runs due timers before it reads).
    let held = false;
    transport.onData((chunk) => {
      // 0x65: a touch event's first byte (the chunk may also carry the reply before it); it ends mid-frame
      if (held || !chunk.includes(0x65) || chunk.at(-1) === 0xff) return;
      held = true;
      const end = Date.now() + 300;
      while (Date.now() < end) {
        // busy: no timer, no I/O callback runs
      }
    });
    await device.show({ url: 'https://zwfw.example.gov.cn/hcp?case=WD0001-20250612-00042-K&t=WD0001', caption: '请扫码评价' });
    await waitFor(() => presses.length === 1, 5000, 'the press from the display process');
    expect(held).toBe(true);
    expect(presses[0]!.level).toBe(4);
  });

  it('handshake, show and a press travel the native serial binding', async () => {
    const link = join(tmpdir(), `nextion-test-${process.pid}-${Date.now()}`);
    const proc = spawn('python3', ['-u', '-c', DISPLAY, link], { stdio: ['ignore', 'pipe', 'pipe'] });
    procs.push(proc);
    const got: string[] = [];
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const l of lines) got.push(JSON.parse(l) as string);
    });
    await new Promise<void>((resolve, reject) => {
      proc.stderr!.once('data', () => resolve());
      proc.once('exit', (code) => reject(new Error(`display process exited with ${code}`)));
    });
    const { device, presses } = track(new NextionDisplay({ ...LAYOUT, driver: 'serial', log: silent, transport: new SerialTransport({ path: link, baudRate: 9600 }) }));
    await device.start();
    expect(device.status()).toMatchObject({ state: 'online', detail: { model: 'NX8048P070_011C' } });
    await device.show({ url: 'https://zwfw.example.gov.cn/hcp?case=WD0001-20250612-00042-K&t=WD0001', caption: '请扫码评价 "满意"' });
    await waitFor(() => presses.length === 1, 5000, 'the press from the display process');
    expect(presses[0]!.level).toBe(4);
    // The display process reports what it received on its stdout, a channel apart from the serial line the press
    // came back on: under load its last line can arrive after the press.
    await waitFor(() => got.length >= 7, 5000, 'the display process reporting the caption');
    expect(got).toEqual([
      'connect',
      'bkcmd=3',
      'page idle',
      'page eval',
      'sendme',
      'qr0.txt="https://zwfw.example.gov.cn/hcp?case=WD0001-20250612-00042-K&t=WD0001"',
      't0.txt="请扫码评价 \\"满意\\""',
    ]);
  });
});
