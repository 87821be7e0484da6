import type { Command } from 'commander';
import { resolve } from 'node:path';
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
      if (opts.json) return void process.stdout.write(JSON.stringify(h, null, 2) + '\n');
      process.stdout.write(`daemon ${String(h.version)} up ${String(h.uptimeSec)} s — ${String(h.status)}\n`);
      for (const d of h.devices as Array<{ device: string; state: string; driver: string; reason?: string; detail: unknown }>) {
        process.stdout.write(`  ${d.device.padEnd(13)} ${d.state.padEnd(13)} ${d.driver.padEnd(10)} ${JSON.stringify(d.detail)}${d.reason ? `  (${d.reason})` : ''}\n`);
      }
    });
}
