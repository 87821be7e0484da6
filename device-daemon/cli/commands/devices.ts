import type { Command } from 'commander';
import { resolve, join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { loadConfig } from '../../config/load';
import { fetchHealth } from '../daemon-link';
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
    .description("the daemon's log (JSON lines; personal fields are masked or redacted at the source)")
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('-n, --lines <n>', 'last n lines', '50')
    .option('--level <level>', 'only this level and above: debug | info | warn | error', 'debug')
    .action((opts: { config: string; lines: string; level: string }) => {
      const cfg = loadConfig(resolve(opts.config));
      const file = resolve(join(cfg.logging.dir, 'daemon.log'));
      if (!existsSync(file)) throw new Error(`no log at ${file} yet (the daemon writes it when it runs)`);
      const min = { debug: 20, info: 30, warn: 40, error: 50 }[opts.level] ?? 20;
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      const picked = lines.filter((l) => {
        try {
          return (JSON.parse(l) as { level: number }).level >= min;
        } catch {
          return false;
        }
      });
      for (const l of picked.slice(-Number(opts.lines))) {
        const e = JSON.parse(l) as { time: number; level: number; msg?: string } & Record<string, unknown>;
        const { time, level, msg, app: _app, pid: _pid, hostname: _h, ...rest } = e;
        const lv = ({ 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' } as Record<number, string>)[level] ?? String(level);
        process.stdout.write(`${new Date(time).toISOString()} ${lv.padEnd(5)} ${msg ?? ''} ${Object.keys(rest).length ? JSON.stringify(rest) : ''}\n`);
      }
    });
}
