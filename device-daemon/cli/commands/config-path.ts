import type { Command } from 'commander';
import { resolve } from 'node:path';
import { ConfigPathRefused, getByPath, readConfigForDisplay, setConfigPath } from '../../config/config-edit';
import { daemonRunning } from '../daemon-link';
import { type DaemonOrFileOpts, withDaemonOrFile } from '../daemon-or-file';
import { CONFIG_EXIT, configGetViaDaemon, configSetViaDaemon, type SetOutcome } from './config-via-daemon';

interface PathOpts extends DaemonOrFileOpts {
  config: string;
  json?: boolean;
}

/** A value as typed: JSON when it parses (numbers, true, objects), otherwise the text itself. */
function typedValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** No daemon answers (or --file): the file itself, schema-checked and saved durably. */
async function setInFile(file: string, path: string, value: unknown, opts: PathOpts, why: string): Promise<SetOutcome> {
  let saved: ReturnType<typeof setConfigPath>;
  try {
    saved = setConfigPath(file, path, value);
  } catch (err) {
    if (!(err instanceof ConfigPathRefused)) throw err;
    return { saved: false, problems: [err.message] };
  }
  if (!saved.ok) return { saved: false, problems: saved.problems };
  // With --file (or a daemon that served no API token) a daemon may run all the same: then it keeps the old values until it restarts.
  const running = await daemonRunning(file, opts.port).catch(() => false);
  return {
    saved: true,
    via: 'file',
    daemon: running ? 'running' : 'none',
    applied: false,
    restartNeeded: running,
    note: running
      ? `saved in the file only (${why}); the running daemon keeps the old value until it restarts (asked without --file, it applies what it can at once)`
      : `saved in the file (${why}); a daemon uses it when it starts`,
  };
}

function printSet(file: string, path: string, o: SetOutcome, json?: boolean): void {
  process.exitCode = o.saved ? CONFIG_EXIT.done : CONFIG_EXIT.refused;
  if (json) return void process.stdout.write(`${JSON.stringify(o, null, 2)}\n`);
  if (!o.saved) return void process.stderr.write(`kioskctl: nothing was changed:\n${o.problems.map((p) => `  - ${p}`).join('\n')}\n`);
  const effect = o.applied ? 'applied live' : o.restartNeeded ? 'saved, takes effect after a restart' : 'saved';
  process.stdout.write(`${path}: ${effect} (${file}, the previous file kept as ${file}.bak)\n${o.note}\n`);
}

/** The file as written (no daemon answers, or --file): exit 5 when the setting is not in it. */
function getFromFile(file: string, path: string | undefined, json: boolean | undefined, why: string): void {
  const raw = readConfigForDisplay(file);
  const value = path ? getByPath(raw, path) : raw;
  if (value === undefined) {
    process.stderr.write(`kioskctl: ${path} is not set in the file (the schema's default applies: see docs/config-reference.md)\n`);
    process.exitCode = CONFIG_EXIT.notSet;
    return;
  }
  process.stdout.write(`${JSON.stringify(json ? { via: 'file', value } : value, null, 2)}\n`);
  if (!json) process.stderr.write(`(from the file ${file}: ${why})\n`);
}

/** `config get` and `config set`: one setting by its JSON path, through the running daemon when one answers, else in the file. */
export function registerConfigPathCommands(config: Command, defaultConfig: string): void {
  const options = (c: Command) =>
    c
      .option('-c, --config <file>', 'config file', defaultConfig)
      .option('-p, --port <port>', "the daemon's port, instead of server.port in the config")
      .option('--file', 'work on the file, not through the running daemon (no PIN asked)')
      .option('--json', 'print JSON');
  options(
    config
      .command('get [json.path]')
      .description(
        `print a setting by its JSON path (e.g. session.idleTimeoutSeconds), or the whole config; technician.pinHash is never printed. When a daemon answers it is asked (technician PIN) for the value it runs with, and the file's is named when it differs; else (or with --file) the file as written. Exit ${CONFIG_EXIT.done} printed, ${CONFIG_EXIT.notSet} no such setting, 4 PIN refused`,
      ),
  ).action(async (path: string | undefined, opts: PathOpts) => {
    const file = resolve(opts.config);
    await withDaemonOrFile(
      file,
      opts,
      (api) => configGetViaDaemon(api, path, opts.json),
      (why) => getFromFile(file, path, opts.json, why),
    );
  });
  options(
    config
      .command('set <json.path> <value>')
      .description(
        `set one setting (the value as JSON, or as text); the whole file is checked by the schema (each refused field named, nothing written) and saved durably, the previous kept as .bak. When a daemon answers it does this (technician PIN) and applies at once what it reads on every use (site texts and hours, staff duty, idle timeout, links), else says a restart is needed; with no daemon (or --file) the file is written here. Exit ${CONFIG_EXIT.done} saved (applied live, or after a restart: see the message or --json's applied / restartNeeded), ${CONFIG_EXIT.refused} refused, ${CONFIG_EXIT.failed} the daemon failed otherwise, 4 PIN refused`,
      ),
  ).action(async (path: string, text: string, opts: PathOpts) => {
    const file = resolve(opts.config);
    const value = typedValue(text);
    const outcome = await withDaemonOrFile(
      file,
      opts,
      (api) => configSetViaDaemon(api, path, value),
      (why) => setInFile(file, path, value, opts, why),
    );
    if (outcome) printSet(file, path, outcome, opts.json);
  });
}
