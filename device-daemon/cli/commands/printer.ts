import type { Command } from 'commander';
import { resolve } from 'node:path';
import { paperEstimate } from '../../capabilities/printer/paper-estimate';
import { loadConfig } from '../../config/load';
import { AuditStore } from '../../store/audit';
import { openStoreFile } from '../../store/db';
import { PaperRollStore } from '../../store/paper-roll';
import { ROOT_DIR } from '../../version';
import { daemonRunning } from '../daemon-link';
import { technicianGate } from '../technician-gate';
import { DEFAULT_CONFIG } from './config';

// kioskctl printer paper | new-roll. The roll's tally is one row of the store:
// the daemon adds each printed layout's height to it and reads it afresh for
// every estimate, so writing it here (WAL: beside a running daemon too) is
// seen at once, whether a daemon runs or not.

interface PaperOpts {
  config: string;
  db?: string;
  json?: boolean;
}

/** Exit code when the store cannot be opened (missing, locked for longer than the busy timeout, corrupt). */
const STORE_EXIT = 3;

function withRoll<T>(opts: PaperOpts, write: boolean, fn: (roll: PaperRollStore, audit: AuditStore, rollLengthM: number) => T): T | undefined {
  const cfg = loadConfig(resolve(opts.config));
  const file = opts.db ?? resolve(ROOT_DIR, cfg.storage.path);
  const r = openStoreFile(file, write ? { refuseEmpty: true, busyTimeoutMs: 5000 } : { readonly: true, busyTimeoutMs: 2000 });
  if (!r.ok) {
    process.stderr.write(`kioskctl: cannot open the store ${file}: ${r.message}\n`);
    process.exitCode = STORE_EXIT;
    return undefined;
  }
  try {
    return fn(new PaperRollStore(r.db), new AuditStore(r.db), cfg.devices.printer.profile.rollLengthM);
  } finally {
    r.db.close();
  }
}

const show = (e: ReturnType<typeof paperEstimate>, json?: boolean): string =>
  json
    ? JSON.stringify(e, null, 2)
    : `paper left: about ${e.leftM} m of a ${e.rollLengthM} m roll (${(e.usedMm / 1000).toFixed(1)} m fed since ${e.rollChangedAt ?? 'the store began: no new roll recorded yet'})`;

export function registerPrinterCommands(program: Command): void {
  const printer = program.command('printer').description('the paper roll: estimate of what is left, a new roll put in');
  const options = (c: Command) =>
    c
      .option('-c, --config <file>', 'config file (its storage.path and printer profile are read)', DEFAULT_CONFIG)
      .option('--db <file>', 'store file, instead of the one in the config')
      .option('--json', 'print JSON');

  options(
    printer
      .command('paper', { isDefault: true })
      .description('estimate of the paper left: roll length (devices.printer.profile.rollLengthM) less the paper fed since the last new roll; exit 3 if the store cannot be read'),
  ).action((opts: PaperOpts) => {
    const e = withRoll(opts, false, (roll, _audit, rollLengthM) => paperEstimate(rollLengthM, roll.read()));
    if (e) process.stdout.write(`${show(e, opts.json)}\n`);
  });

  options(printer.command('new-roll').description('a full roll went in: the paper fed starts from 0 (asks for the technician PIN: exit 4 when refused; exit 3 if the store cannot be written)')).action(
    async (opts: PaperOpts) => {
      const cfg = loadConfig(resolve(opts.config));
      if (!(await technicianGate(cfg, 'printer new-roll'))) return;
      const e = withRoll(opts, true, (roll, audit, rollLengthM) => {
        const before = roll.read();
        const now = Date.now();
        roll.newRoll(now);
        audit.append('printer.newRoll', { previousUsedMm: before.usedMm, rollLengthM }, now);
        return paperEstimate(rollLengthM, roll.read());
      });
      if (!e) return;
      const running = await daemonRunning(resolve(opts.config));
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...e, daemonRunning: running }, null, 2)}\n`);
      else process.stdout.write(`new roll recorded in the store file (${running ? 'the running daemon reads it from now on' : 'no daemon is running; it reads it when it starts'})\n${show(e)}\n`);
    },
  );
}
