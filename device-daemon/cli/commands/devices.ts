import type { Command } from 'commander';
import { resolve, join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { loadConfig } from '../../config/load';
import { DEFAULT_CONFIG } from './config';

/** Talks to a running daemon's /health (loopback). */
async function fetchHealth(configFile: string): Promise<Record<string, unknown>> {
  const cfg = loadConfig(configFile);
  const host = cfg.server.host === '::1' ? '[::1]' : cfg.server.host;
  const res = await fetch(`http://${host}:${cfg.server.port}/health`).catch((err: Error) => {
    throw new Error(`no daemon answers on ${host}:${cfg.server.port} (${err.cause instanceof Error ? err.cause.message : err.message}); start it with npm start`);
  });
  return (await res.json()) as Record<string, unknown>;
}

export function registerDeviceCommands(program: Command): void {
  program
    .command('status')
    .description("the running daemon's health: version, uptime, every device status")
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--json', 'print the raw JSON')
    .action(async (opts: { config: string; json?: boolean }) => {
      const h = await fetchHealth(resolve(opts.config));
      if (opts.json) return void process.stdout.write(`${JSON.stringify(h, null, 2)}\n`);
      process.stdout.write(`daemon ${String(h.version)} up ${String(h.uptimeSec)} s — ${String(h.status)}\n`);
      for (const d of h.devices as Array<{ device: string; state: string; driver: string; reason?: string; detail: unknown }>) {
        process.stdout.write(`  ${d.device.padEnd(13)} ${d.state.padEnd(13)} ${d.driver.padEnd(10)} ${JSON.stringify(d.detail)}${d.reason ? `  (${d.reason})` : ''}\n`);
      }
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
