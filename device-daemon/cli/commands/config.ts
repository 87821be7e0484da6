import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { PinPrompt } from '../../auth/pin-prompt';
import { DEMO_PIN } from '../../auth/technician-auth';
import { ConfigError, loadConfig } from '../../config/load';
import { KioskConfig } from '../../config/schema';
import { hashPin } from '../../config/pin-hash';
import { readRawConfig, saveConfig } from '../../config/save-config';
import { ROOT_DIR } from '../../version';
import { daemonRunning } from '../daemon-link';
import { registerConfigPathCommands } from './config-path';

/** The app's own file, or the installed terminal's (KIOSK_CONFIG, set by the packaged kioskctl and the daemon's unit). */
export const DEFAULT_CONFIG = resolve(process.env.KIOSK_CONFIG ?? resolve(ROOT_DIR, 'kiosk.config.json'));

/** Validate a config file; prints every problem with its JSON path. Returns the exit code. */
function checkConfigFile(file: string): number {
  try {
    const cfg = loadConfig(file);
    process.stdout.write(
      `${file}: valid (terminal ${cfg.terminalId}, devices: ${Object.entries(cfg.devices)
        .map(([k, v]) => `${k}=${v.driver}`)
        .join(', ')})\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

export function configJsonSchema(): unknown {
  return z.toJSONSchema(KioskConfig, { io: 'input', unrepresentable: 'any' });
}

class PinRefused extends Error {}

/** A new PIN, typed twice without echo: 6–12 digits, the same both times, not the shipped demo PIN. */
async function newPin(): Promise<string> {
  const prompt = new PinPrompt();
  try {
    const first = await prompt.ask('New technician PIN (6-12 digits): ');
    if (!first) throw new PinRefused('no PIN given');
    if (!/^\d{6,12}$/.test(first)) throw new PinRefused('a technician PIN is 6 to 12 digits');
    if (first === DEMO_PIN) throw new PinRefused('that is the shipped demo PIN, printed in the README: choose another');
    const again = await prompt.ask('Type it again: ');
    if (again !== first) throw new PinRefused('the two PINs differ; nothing was changed');
    return first;
  } finally {
    prompt.done();
  }
}

/** Runs `fn`; a refused PIN is reported on stderr with exit code 2 and nothing on stdout. */
async function withNewPin(fn: (pin: string) => void): Promise<void> {
  try {
    fn(await newPin());
  } catch (err) {
    if (!(err instanceof PinRefused)) throw err;
    process.stderr.write(`kioskctl: ${err.message}\n`);
    process.exitCode = 2;
  }
}

/** technician.pinHash replaced in the file, checked whole before it replaces the old one (same permissions). */
function writePinHash(file: string, hash: string): void {
  const json = readRawConfig(file) as Record<string, unknown> & { technician?: Record<string, unknown> };
  json.technician = { ...json.technician, pinHash: hash };
  const saved = saveConfig(file, json);
  if (!saved.ok) throw new ConfigError(file, saved.problems);
}

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('terminal configuration (kiosk.config.json)');
  config
    .command('check [file]')
    .description('validate a config file and print every error with its JSON path')
    .action((file?: string) => {
      process.exitCode = checkConfigFile(resolve(file ?? DEFAULT_CONFIG));
    });
  config
    .command('hash-pin')
    .description(
      'ask for a technician PIN twice (not echoed; lines on stdin when it is not a terminal) and print its scrypt hash for technician.pinHash; the PIN itself is never stored, nor taken as an argument',
    )
    .allowExcessArguments(true)
    .action(async (_opts: unknown, cmd: Command) => {
      if (cmd.args.length) {
        process.stderr.write('kioskctl: the PIN is never given as an argument (it would stay in the shell history and the process list): run `kioskctl config hash-pin` and type it when asked\n');
        process.exitCode = 2;
        return;
      }
      await withNewPin((pin) => process.stdout.write(`${hashPin(pin)}\n`));
    });
  registerPinSet(config);
  registerConfigPathCommands(config, DEFAULT_CONFIG);
  config
    .command('schema [out]')
    .description('print (or write) the JSON Schema of kiosk.config.json')
    .action((out?: string) => {
      const text = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
      if (out) writeFileSync(out, text);
      else process.stdout.write(text);
    });
}

/**
 * `pin set` under `config` and at the top level (`kioskctl pin set`, the name
 * technicians are told): one command, two places.
 */
export function registerPinSet(parent: Command): void {
  parent
    .command('pin')
    .description('the technician PIN of this terminal')
    .command('set')
    .description('ask for a new technician PIN twice (not echoed) and write its hash into the config (technician.pinHash); says whether a daemon is running, which takes the old PIN until it restarts')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('-p, --port <port>', "the daemon's port, instead of server.port in the config")
    .action(async (opts: { config: string; port?: string }) => {
      const file = resolve(opts.config);
      let written = false;
      await withNewPin((pin) => {
        writePinHash(file, hashPin(pin));
        written = true;
      });
      if (!written) return;
      // The daemon checks the hash it read at start: the maintenance screen and the commands sent to it take the old PIN until then.
      const after = (await daemonRunning(file, opts.port))
        ? 'a daemon is running: it (the maintenance screen, and kioskctl commands it answers) takes the old PIN until it restarts'
        : 'no daemon is running: it takes the new PIN when it starts';
      process.stdout.write(`${file}: technician.pinHash set\n${after}\n`);
    });
}
