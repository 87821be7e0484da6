import type { Command } from 'commander';
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../config/load';
import { udevRules } from '../udev-rules';
import { DEFAULT_CONFIG } from './config';

/** Where `--write` puts the rules: read by udev before its 99- defaults, after the system's 60-serial.rules (ENV{ID_SERIAL}). */
const UDEV_RULES_FILE = '/etc/udev/rules.d/70-gov-kiosk.rules';

/** Temporary file, fsync, rename: udev never reads half a file. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

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
      writeAtomically(resolve(out), text);
      process.stderr.write(`wrote ${out}; apply with: udevadm control --reload-rules && udevadm trigger\n`);
    });
}
