import type { Command } from 'commander';
import { resolve, join } from 'node:path';
import { existsSync } from 'node:fs';
import { loadConfig } from '../../config/load';
import { fetchHealth } from '../daemon-link';
import { openLogFollower } from '../log-follow';
import { formatLogLine, minLevel } from '../log-lines';
import { DEFAULT_CONFIG } from './config';
import { STATUS_EXIT, STATUS_EXIT_HELP, statusText, statusVerdict } from '../status-report';

export function registerDeviceCommands(program: Command): void {
  program
    .command('status')
    .description(`the running daemon's health: version, uptime, the store, the log, every device status; exit ${STATUS_EXIT_HELP}`)
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('-p, --port <port>', "the daemon's port, instead of server.port in the config (a daemon started with --port)")
    .option('--json', 'print the raw JSON')
    .action(async (opts: { config: string; port?: string; json?: boolean }) => {
      const got = await fetchHealth(resolve(opts.config), opts.port);
      if ('error' in got) {
        process.stderr.write(`kioskctl: ${got.error}\n`);
        process.exitCode = STATUS_EXIT.noDaemon;
        return;
      }
      const h = got.health;
      const verdict = statusVerdict(h);
      process.stdout.write(opts.json ? `${JSON.stringify(h, null, 2)}\n` : statusText(h, verdict));
      process.exitCode = verdict.exit;
    });

  program
    .command('logs')
    .description(
      "the daemon's log (JSON lines; personal fields are masked or redacted at the source, and again here); --follow keeps printing new lines until Ctrl-C / SIGTERM (exit 0) or until the log rotates the file away (exit 0, says so)",
    )
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('-n, --lines <n>', 'last n lines', '50')
    .option('--level <level>', 'only this level and above: debug | info | warn | error', 'debug')
    .option('-f, --follow', 'keep printing lines as the daemon writes them')
    .option('--json', 'print the JSON lines themselves (masked) instead of text')
    .action(async (opts: { config: string; lines: string; level: string; follow?: boolean; json?: boolean }) => {
      const cfg = loadConfig(resolve(opts.config));
      const file = resolve(join(cfg.logging.dir, 'daemon.log'));
      if (!existsSync(file)) throw new Error(`no log at ${file} yet (the daemon writes it when it runs)`);
      const min = minLevel(opts.level);
      const print = (l: string) => {
        const text = formatLogLine(l, min, opts.json);
        if (text !== undefined) process.stdout.write(`${text}\n`);
      };
      const log = openLogFollower(file);
      const picked = log.text
        .trimEnd()
        .split('\n')
        .filter((l) => formatLogLine(l, min) !== undefined);
      for (const l of picked.slice(-Number(opts.lines))) print(l);
      if (!opts.follow) return log.close();
      const why = await log.follow(print);
      if (why === 'rotated') process.stderr.write(`kioskctl: ${file} was rotated; run logs --follow again to follow the new file\n`);
    });
}
