import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/**
 * Asks for PINs without echoing them: on a terminal, readline reads a line in
 * raw mode (so the terminal itself does not echo) and its own echo goes
 * nowhere; from a pipe (scripts, tests) it reads one line per question. The
 * questions go to stderr, so stdout carries only the command's output. A PIN
 * is never taken from the command line, where it would stay in the shell
 * history and in the process list.
 */
export class PinPrompt {
  private readonly lines: AsyncIterator<string>;
  private readonly close: () => void;

  constructor(private readonly io: { input: NodeJS.ReadableStream & { isTTY?: boolean }; output: NodeJS.WritableStream } = { input: process.stdin, output: process.stderr }) {
    const silent = new Writable({ write: (_chunk, _enc, done) => done() });
    const rl = createInterface({ input: io.input, output: silent, terminal: Boolean(io.input.isTTY) });
    // Ctrl-C at the question ends it as "no PIN", never with a half-read state.
    rl.on('SIGINT', () => rl.close());
    this.lines = rl[Symbol.asyncIterator]();
    this.close = () => rl.close();
  }

  /** One answer, without its line end; undefined at the end of input. */
  async ask(question: string): Promise<string | undefined> {
    this.io.output.write(question);
    const { value, done } = await this.lines.next();
    this.io.output.write('\n');
    return done ? undefined : value.trim();
  }

  /** Stop reading (the terminal goes back to its normal mode). */
  done(): void {
    this.close();
  }
}

/** Asks once and stops reading: for a check before a technician action. */
export async function askPin(question: string): Promise<string | undefined> {
  const p = new PinPrompt();
  try {
    return await p.ask(question);
  } finally {
    p.done();
  }
}
