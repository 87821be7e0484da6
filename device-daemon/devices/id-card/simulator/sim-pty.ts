import { spawn, type ChildProcess } from 'node:child_process';
import { unlinkSync } from 'node:fs';
import { PacedLine, uartBytesPerSecond } from '../../simulation/pacing';
import type { SamSimulator } from './sam-simulator';

/**
 * The simulated reader behind a real pseudo-terminal, so the driver's
 * serial transport runs on the native serialport binding exactly as on a
 * USB-serial reader. python3's pty module makes the pair (no socat needed)
 * and relays the master side to this process over pipes; the slave is
 * published under a stable symlink, like /dev/serial/by-id. A pty has no
 * baud rate, so both directions are paced here: requests reach the module
 * when their last byte would have, replies leave at the baud rate.
 * unplug() ends the relay (the slave hangs up, the symlink goes);
 * replug() makes a new pty under the same link.
 */
const RELAY = String.raw`
import os, sys, pty, tty, select, json, signal
link = sys.argv[1]
m, s = pty.openpty()
tty.setraw(s)
name = os.ttyname(s)
try: os.unlink(link)
except FileNotFoundError: pass
os.symlink(name, link)
def bye(*_):
    try: os.unlink(link)
    except OSError: pass
    os._exit(0)
signal.signal(signal.SIGTERM, bye)
sys.stderr.write(json.dumps({"path": name}) + "\n"); sys.stderr.flush()
while True:
    r, _, _ = select.select([m, 0], [], [])
    if m in r:
        try: d = os.read(m, 65536)
        except OSError: d = b""
        if d: os.write(1, d)
    if 0 in r:
        d = os.read(0, 65536)
        if not d: bye()
        os.write(m, d)
`;

export class SimPty {
  private proc: ChildProcess | undefined;
  private readonly toHost = new PacedLine();
  private readonly toModule = new PacedLine();
  /** /dev/pts/N of the current pair. */
  slavePath: string | undefined;

  constructor(
    readonly sim: SamSimulator,
    /** Stable path the driver opens (a symlink to the current slave). */
    readonly link: string,
    readonly baud = 115200,
  ) {
    sim.wire = {
      send: async (frame, abort) => {
        const proc = this.proc;
        if (!proc?.stdin?.writable) return;
        await this.toHost.send(frame, uartBytesPerSecond(this.baud), (chunk) => void proc.stdin!.write(chunk), { abort: (sent) => !!abort?.(sent) || this.proc !== proc });
      },
    };
  }

  get isPlugged(): boolean {
    return !!this.proc;
  }

  /** Start the relay; resolves when the slave path exists. */
  async plug(): Promise<string> {
    if (this.proc) return this.slavePath!;
    const proc = spawn('python3', ['-u', '-c', RELAY, this.link], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc = proc;
    proc.stdout!.on('data', (chunk: Buffer) => {
      // Requests travel the wire at the baud rate before the module sees them.
      void this.toModule.send(chunk, uartBytesPerSecond(this.baud), (c) => this.sim.receive(c));
    });
    proc.stdin!.on('error', () => {});
    const path = await new Promise<string>((resolve, reject) => {
      let err = '';
      const onData = (c: Buffer) => {
        err += c.toString();
        const line = err.split('\n')[0];
        if (err.includes('\n') && line) {
          proc.stderr!.off('data', onData);
          try {
            resolve((JSON.parse(line) as { path: string }).path);
          } catch {
            reject(new Error(`pty relay: ${err}`));
          }
        }
      };
      proc.stderr!.on('data', onData);
      proc.once('exit', (code) => reject(new Error(`pty relay exited with ${code}: ${err}`)));
      proc.once('error', reject);
    });
    this.slavePath = path;
    return path;
  }

  /** The reader disappears: relay gone, slave hung up, link removed. */
  async unplug(): Promise<void> {
    const proc = this.proc;
    this.proc = undefined;
    this.slavePath = undefined;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
    try {
      unlinkSync(this.link);
    } catch {
      /* already gone */
    }
  }

  async replug(): Promise<string> {
    this.sim.powerCycle();
    return this.plug();
  }

  async stop(): Promise<void> {
    await this.unplug();
    this.sim.stop();
  }
}
