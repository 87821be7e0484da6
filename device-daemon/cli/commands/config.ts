import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../../config/load';
import { KioskConfig } from '../../config/schema';
import { hashPin } from '../../config/pin-hash';
import { ROOT_DIR } from '../../version';

export const DEFAULT_CONFIG = resolve(ROOT_DIR, 'kiosk.config.json');

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

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('terminal configuration (kiosk.config.json)');
  config
    .command('check [file]')
    .description('validate a config file and print every error with its JSON path')
    .action((file?: string) => {
      process.exitCode = checkConfigFile(resolve(file ?? DEFAULT_CONFIG));
    });
  config
    .command('hash-pin <pin>')
    .description('print the scrypt hash of a technician PIN for technician.pinHash (the PIN itself is never stored)')
    .action((pin: string) => {
      process.stdout.write(`${hashPin(pin)}\n`);
    });
  config
    .command('schema [out]')
    .description('print (or write) the JSON Schema of kiosk.config.json')
    .action((out?: string) => {
      const text = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
      if (out) writeFileSync(out, text);
      else process.stdout.write(text);
    });
}
