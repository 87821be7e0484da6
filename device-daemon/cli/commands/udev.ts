import type { Command } from 'commander';
import { resolve } from 'node:path';
import { writeFileDurably } from '../../durable-file/write-durably';
import { ConfigError, loadConfig } from '../../config/load';
import { udevRules } from '../udev-rules';
import { DEFAULT_CONFIG } from './config';

/** Where `--write` puts the rules: read by udev before its 99- defaults, after the system's 60-serial.rules (ENV{ID_SERIAL}). */
const UDEV_RULES_FILE = '/etc/udev/rules.d/70-gov-kiosk.rules';

export function registerUdevCommands(program: Command): void {
  const udev = program.command('udev').description('udev rules for the configured devices (access for the kiosk user, /dev/kiosk-* names)');
  udev
    .command('rules')
    .description(`print the rules made from the device bindings in the config; --write puts them in ${UDEV_RULES_FILE} (then: udevadm control --reload-rules && udevadm trigger)`)
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--out <file>', 'write to this file instead of printing')
    .option('--write', `write to ${UDEV_RULES_FILE}`)
    .action((opts: { config: string; out?: string; write?: boolean }) => {
      const file = resolve(opts.config);
      let text: string;
      try {
        text = udevRules(loadConfig(file), file);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        process.stderr.write(`${err.message}\n`);
        process.exitCode = 2;
        return;
      }
      const out = opts.out ?? (opts.write ? UDEV_RULES_FILE : undefined);
      if (!out) {
        process.stdout.write(text);
        return;
      }
      // udev never reads half a file.
      writeFileDurably(resolve(out), text, { mode: 0o644 });
      process.stderr.write(`wrote ${out}; apply with: udevadm control --reload-rules && udevadm trigger\n`);
    });
}
