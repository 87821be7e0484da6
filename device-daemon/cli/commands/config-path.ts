import type { Command } from 'commander';
import { resolve } from 'node:path';
import { ConfigPathRefused, getByPath, readConfigForDisplay, setConfigPath } from '../../config/config-edit';
import { daemonRunning } from '../daemon-link';

/** A value as typed: JSON when it parses (numbers, true, objects), otherwise the text itself. */
function typedValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `config get` and `config set`: one setting by its JSON path, read from or saved into the file (schema-checked, .bak kept). */
export function registerConfigPathCommands(config: Command, defaultConfig: string): void {
  config
    .command('get [json.path]')
    .description('print a setting of the config file by its JSON path (e.g. session.idleTimeoutSeconds), or the whole file; technician.pinHash is never printed')
    .option('-c, --config <file>', 'config file', defaultConfig)
    .action((path: string | undefined, opts: { config: string }) => {
      const raw = readConfigForDisplay(resolve(opts.config));
      const value = path ? getByPath(raw, path) : raw;
      if (value === undefined) {
        process.stderr.write(`kioskctl: ${path} is not set in the file (the schema's default applies: see docs/config-reference.md)\n`);
        process.exitCode = 5;
        return;
      }
      process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    });
  config
    .command('set <json.path> <value>')
    .description('set one setting (the value as JSON, or as text); the whole file is checked by the schema and saved durably, the previous kept as .bak; exit 0 saved, 2 refused (each field named)')
    .option('-c, --config <file>', 'config file', defaultConfig)
    .option('-p, --port <port>', "the daemon's port, instead of server.port in the config")
    .option('--json', 'print JSON: { saved, problems?, daemon }')
    .action(async (path: string, text: string, opts: { config: string; port?: string; json?: boolean }) => {
      const file = resolve(opts.config);
      let problems: string[] = [];
      try {
        const saved = setConfigPath(file, path, typedValue(text));
        if (!saved.ok) problems = saved.problems;
      } catch (err) {
        if (!(err instanceof ConfigPathRefused)) throw err;
        problems = [err.message];
      }
      const daemon = problems.length ? undefined : (await daemonRunning(file, opts.port)) ? 'running' : 'none';
      if (opts.json) process.stdout.write(`${JSON.stringify({ saved: !problems.length, ...(problems.length ? { problems } : { daemon }) }, null, 2)}\n`);
      else if (problems.length) process.stderr.write(`kioskctl: nothing was changed:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
      else
        process.stdout.write(
          `${file}: ${path} set (previous file kept as ${file}.bak)\n${daemon === 'running' ? 'a daemon is running: restart it to apply the change' : 'no daemon is running: it uses the change when it starts'}\n`,
        );
      process.exitCode = problems.length ? 2 : 0;
    });
}
