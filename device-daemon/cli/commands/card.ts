import type { Command } from 'commander';
import { resolve } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../config/load';
import { Bus } from '../../bus';
import { ROOT_DIR } from '../../version';
import { DEFAULT_CONFIG } from './config';
import { cardToJson } from '../../devices/id-card/card-json';
import { isExpired } from '../../devices/id-card/card-summary';
import { CardDecodeError, decodeCardText, encodeCardText } from '../../devices/id-card/codec/card-text';
import { buildResponse, decodeResponse, fromHex, SamFrameError, toHex } from '../../devices/id-card/codec/sam-frame';
import { SAM_COMMANDS, requestFrame, type SamCommandName } from '../../devices/id-card/codec/sam-commands';
import { buildReadBase, parseReadBase } from '../../devices/id-card/codec/read-base';
import { describeSw3 } from '../../devices/id-card/codec/sam-status';
import { DEFAULT_SIM_CARD, simCard, simCards } from '../../devices/id-card/simulator/sim-cards';
import { createSimulatedReader } from '../../devices/id-card/simulator/simulated-reader';
import { createIdCardReader } from '../../devices/id-card';
import { IdCardReaderDevice, ReadError } from '../../devices/id-card/reader-device';
import type { KioskConfig } from '../../config/schema';
import { withDaemonOrFile } from '../daemon-or-file';
import { technicianGate } from '../technician-gate';
import { cardReadViaDaemon } from './card-via-daemon';

/** Decode a read-text-and-photo reply frame (30 01 or 30 10) to the card record. Throws typed codec errors. */
export function decodeReadFrame(frame: Buffer) {
  const reply = decodeResponse(frame);
  if (reply.sw3 !== 0x90) throw new SamFrameError('badPayload', `the frame is not a successful read: ${describeSw3(reply.sw3)}`);
  const blocks = (() => {
    try {
      return parseReadBase(reply.data);
    } catch {
      return parseReadBase(reply.data, true); // 30 10 reply: 6-byte length header
    }
  })();
  return decodeCardText(blocks.text);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const print = (v: unknown) => process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
function fail(kind: string, message: string, code = 2): void {
  process.stderr.write(`${JSON.stringify({ error: { kind, message } })}\n`);
  process.exitCode = code;
}

interface ReadOpts {
  config: string;
  port?: string;
  local?: boolean;
  card: string;
  reveal?: boolean;
  timeout: string;
}

/** No daemon answers (or --local): the configured reader opened in this process. */
async function readInProcess(cfg: KioskConfig, opts: ReadOpts, why: string): Promise<void> {
  // Unmasked personal data is a technician action: the PIN first, before the reader is touched.
  if (opts.reveal && !(await technicianGate(cfg, 'card read --reveal'))) return;
  process.stderr.write(`(reading in this process: ${why})\n`);
  const log = pino({ level: 'silent' });
  const rc = cfg.devices.idCardReader;
  let device: IdCardReaderDevice;
  if (rc.driver === 'simulated') {
    if (!simCards().has(opts.card)) return fail('invalidArgs', `no synthetic card ${opts.card}; known: ${[...simCards().keys()].join(', ')}`);
    device = createSimulatedReader({ log, baseDir: ROOT_DIR, baud: rc.simulator.baud, timing: rc.simulator.timing, card: opts.card, pollIntervalMs: rc.pollIntervalMs }).device;
  } else {
    const d = createIdCardReader({ config: cfg, log, bus: new Bus() });
    if (!(d instanceof IdCardReaderDevice)) return fail('noDevice', d.status().reason ?? `driver ${rc.driver} is not available`);
    device = d;
  }
  try {
    await device.start();
    const read = await device.read(Number(opts.timeout));
    print({ ...cardToJson(read.record, { mask: !opts.reveal }), expired: isExpired(read.record.validTo), photo: read.photo.status, link: device.status().detail.link });
  } catch (err) {
    if (err instanceof ReadError) fail(err.code, err.message);
    else throw err;
  } finally {
    device.wipeSession();
    await device.stop();
  }
}

export function registerCardCommands(program: Command): void {
  const card = program.command('card').description('ID-card reader: decode frames, read a card, synthetic cards');

  card
    .command('decode [hex]')
    .description('decode a read reply frame (hex, argument or stdin) and print the card as JSON')
    .option('--strict', 'exit 3 when the number fails its GB 11643 check digit')
    .action(async (hexArg: string | undefined, opts: { strict?: boolean }) => {
      try {
        const frame = fromHex(hexArg ?? (await readStdin()));
        if (!frame.length) return fail('badPayload', 'no input: give the frame as hex (argument or stdin)');
        const record = decodeReadFrame(frame);
        print(cardToJson(record));
        if (record.checkDigitOk === false) {
          process.stderr.write('warning: the ID number fails its check digit; the daemon reports such a card as unreadable\n');
          if (opts.strict) process.exitCode = 3;
        }
      } catch (err) {
        if (err instanceof SamFrameError || err instanceof CardDecodeError) return fail(err.kind, err.message);
        throw err;
      }
    });

  card
    .command('read')
    .description(
      "read a card and print it, masked. When a daemon answers it reads on its reader (it holds the port: technician PIN; refused while a resident's session holds a card); else (or with --local) the configured reader is opened in this process (simulated by default)",
    )
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('-p, --port <port>', "the daemon's port, instead of server.port in the config")
    .option('--local', 'open the reader in this process, not through the running daemon (which must not hold it)')
    .option('--card <id>', 'simulated reader opened here: synthetic card to place (kioskctl card list)', DEFAULT_SIM_CARD)
    .option('--reveal', 'print personal fields unmasked (asks for the technician PIN first; audited by the daemon)')
    .option('--timeout <ms>', 'how long to wait for a card', '15000')
    .action(async (opts: ReadOpts) => {
      const file = resolve(opts.config);
      await withDaemonOrFile(
        file,
        { port: opts.port, file: opts.local },
        (api) => cardReadViaDaemon(api, opts),
        (why) => readInProcess(loadConfig(file), opts, why),
      );
    });

  card
    .command('list')
    .description('the synthetic cards of the simulator')
    .action(() => {
      for (const c of simCards().values()) process.stdout.write(`${c.id.padEnd(20)} ${c.record.kind.padEnd(17)} ${c.note}\n`);
    });

  card
    .command('frames')
    .description('example frames: every request the driver sends, and the read reply of a synthetic card')
    .option('--card <id>', 'synthetic card', DEFAULT_SIM_CARD)
    .action((opts: { card: string }) => {
      for (const name of Object.keys(SAM_COMMANDS) as SamCommandName[]) {
        if (name === 'setRfFrameSize') process.stdout.write(`${name.padEnd(20)} ${toHex(requestFrame(name, Buffer.from([0x50])))}\n`);
        else process.stdout.write(`${name.padEnd(20)} ${toHex(requestFrame(name))}\n`);
      }
      const c = simCard(opts.card);
      process.stdout.write(`\nread reply (${c.id}):\n${toHex(buildResponse(0x90, buildReadBase(encodeCardText(c.record), c.wlt)), '')}\n`);
    });
}
