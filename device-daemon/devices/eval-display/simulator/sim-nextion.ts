import { keepRecent, ownBytes } from '../../simulation/recent';
import { SimulatedSerialPort } from '../../simulation/simulated-serial-port';
import { decodeInstruction, SUCCESS, TERMINATOR, type NextionEncoding } from '../nextion/instructions';

export interface SimNextionLayout {
  /** Page names in page-number order (touch events and `sendme` carry the number). */
  pages: readonly string[];
  /** Text components that exist on every page (qr0, t0). */
  textComponents: string[];
  encoding: NextionEncoding;
}

const reply = (...bytes: number[]) => Buffer.concat([Buffer.from(bytes), TERMINATOR]);

/**
 * A Nextion touch display, the device side on the shared paced serial port:
 * what `driver: simulated` runs for the evaluation display, and the display
 * the driver's tests talk to. It parses instructions up to FF FF FF in its
 * encoding and answers as the instruction set says: `connect` with a comok
 * identity, `bkcmd=n` (0..3; with 3 every instruction answers 0x01 on
 * success), `page <name>` (0x03 for an unknown page), `<comp>.txt="…"`
 * (escapes undone; 0x1A for an unknown component, 0x20 for a bad escape),
 * `sendme` (0x66 page), anything else 0x00. Controls: a touch on a
 * component, garbage, a forced return code for the next instruction, and
 * power (unplug/replug through the port).
 */
export class SimNextion {
  readonly port: SimulatedSerialPort;
  /** The latest instructions received, decoded (the tests' record of the wire; bounded, see keepRecent). */
  readonly received: string[] = [];
  /** The raw bytes of the latest instructions received, terminator included. */
  readonly receivedBytes: Buffer[] = [];
  page = 0;
  readonly text = new Map<string, string>();
  private bkcmd = 2;
  private rx = Buffer.alloc(0);
  private forced: number | undefined;
  /** Answer nothing at all (a display hung or a wrong device on the port). */
  mute = false;

  constructor(readonly layout: SimNextionLayout) {
    this.port = new SimulatedSerialPort(
      { receive: (c) => this.receive(c), powerOff: () => this.reset(), powerOn: () => this.reset() },
      { kind: 'nextion', name: 'evaluation display', manufacturer: 'Simulated Nextion display (USB-serial)' },
    );
  }

  get connected(): boolean {
    return this.port.connected;
  }

  get pageName(): string {
    return this.layout.pages[this.page] ?? String(this.page);
  }

  /** A finger on `component` of the current page: press, then release. */
  touch(component: number): Promise<number> {
    return this.port.send(Buffer.concat([reply(0x65, this.page, component, 0x01), reply(0x65, this.page, component, 0x00)]));
  }

  /** Bytes that are no frame (line noise). */
  garbage(bytes: Buffer): Promise<number> {
    return this.port.send(bytes);
  }

  /** The next instruction is answered with this return code instead of its own answer. */
  failNext(code: number): void {
    this.forced = code;
  }

  /** Raw bytes to the host (a frame cut short, a spontaneous event). */
  send(bytes: Buffer, opts: { cutAt?: number } = {}): Promise<number> {
    return this.port.send(bytes, opts);
  }

  private reset(): void {
    this.rx = Buffer.alloc(0);
    this.bkcmd = 2;
    this.page = 0;
    this.text.clear();
    this.forced = undefined;
  }

  private receive(chunk: Buffer): void {
    this.rx = Buffer.concat([this.rx, chunk]);
    for (;;) {
      const end = this.rx.indexOf(TERMINATOR);
      if (end === -1) return;
      const raw = this.rx.subarray(0, end);
      this.rx = this.rx.subarray(end + 3);
      keepRecent(this.receivedBytes, ownBytes(Buffer.concat([raw, TERMINATOR])));
      const instruction = decodeInstruction(raw, this.layout.encoding);
      keepRecent(this.received, instruction);
      if (!this.mute) void this.port.send(this.answer(instruction));
    }
  }

  private answer(instruction: string): Buffer {
    if (this.forced !== undefined) {
      const code = this.forced;
      this.forced = undefined;
      return reply(code);
    }
    if (instruction === 'connect') return Buffer.concat([Buffer.from('comok 1,30601-0,NX4832T035_011R,163,61488,D264B8204F0E1828,16777216', 'latin1'), TERMINATOR]);
    if (instruction === 'sendme') return reply(0x66, this.page);
    const bk = /^bkcmd=([0-3])$/.exec(instruction);
    if (bk) {
      this.bkcmd = Number(bk[1]);
      return this.ok();
    }
    const page = /^page (\S+)$/.exec(instruction);
    if (page) {
      const n = /^\d+$/.test(page[1]!) ? Number(page[1]) : this.layout.pages.indexOf(page[1]!);
      if (n < 0 || n >= this.layout.pages.length) return this.fail(0x03);
      this.page = n;
      return this.ok();
    }
    const txt = /^([A-Za-z_]\w*)\.txt=(.*)$/s.exec(instruction);
    if (txt) {
      if (!this.layout.textComponents.includes(txt[1]!)) return this.fail(0x1a);
      const value = unquote(txt[2]!);
      if (value === undefined) return this.fail(0x20);
      this.text.set(txt[1]!, value);
      return this.ok();
    }
    return this.fail(0x00);
  }

  /** Success answers only with bkcmd 1 or 3 (Instruction Set, bkcmd). */
  private ok(): Buffer {
    return this.bkcmd === 1 || this.bkcmd === 3 ? reply(SUCCESS) : Buffer.alloc(0);
  }

  /** Failures answer with bkcmd 2 or 3. */
  private fail(code: number): Buffer {
    return this.bkcmd >= 2 ? reply(code) : Buffer.alloc(0);
  }
}

/** A Nextion string literal's value: quotes stripped, \" \\ \r undone; undefined when it is not a well-formed literal. */
function unquote(lit: string): string | undefined {
  if (lit.length < 2 || !lit.startsWith('"') || !lit.endsWith('"')) return undefined;
  let out = '';
  const body = lit.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '"') return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    if (n === '"' || n === '\\') out += n;
    else if (n === 'r') out += '\n';
    else return undefined;
  }
  return out;
}
