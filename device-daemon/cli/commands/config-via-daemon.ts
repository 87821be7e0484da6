import { isDeepStrictEqual } from 'node:util';
import type { CommandResult } from '../../../contract/api';
import type { DaemonApi } from '../daemon-api';
import { technicianCall } from '../technician-gate';

/** What `config set` did, as printed (and as --json prints it). */
export type SetOutcome = { saved: false; problems: string[] } | { saved: true; via: 'daemon' | 'file'; daemon: 'running' | 'none'; applied: boolean; restartNeeded: boolean; note: string };

/** Exit codes of `config get|set` (4, PIN refused, is the technician gate's). */
export const CONFIG_EXIT = { done: 0, failed: 1, refused: 2, notSet: 5 } as const;

function daemonFailed(message: string): undefined {
  process.stderr.write(`kioskctl: the daemon refused: ${message}\n`);
  process.exitCode = CONFIG_EXIT.failed;
  return undefined;
}

/**
 * `config set` through the running daemon (config.set, the PIN checked
 * there): its schema check, durable save and live apply, the same as the
 * maintenance screen's settings page. Undefined when refused (said).
 */
export async function configSetViaDaemon(api: DaemonApi, path: string, value: unknown): Promise<SetOutcome | undefined> {
  const r = await technicianCall(api, 'config.set', { path, value }, 'config set');
  if (!r) return undefined;
  // invalidArgs: a setting not settable by path (the PIN hash) or not a path at all; nothing was written.
  if (!r.ok) return r.error.code === 'invalidArgs' ? { saved: false, problems: [r.error.message] } : daemonFailed(r.error.message);
  const res = r.result as CommandResult<'config.set'>;
  if (!res.saved) return { saved: false, problems: res.problems };
  const note = res.applied
    ? 'through the running daemon: in effect now'
    : 'through the running daemon, which uses it after a restart (the maintenance screen offers one; on an installed terminal: systemctl restart gov-kiosk-daemon)';
  return { saved: true, via: 'daemon', daemon: 'running', applied: res.applied, restartNeeded: res.restartNeeded, note };
}

/** Where the file's value stands beside the running one: said on stderr, so stdout stays the value. */
function fileRemark(res: CommandResult<'config.get'>, path: string | undefined): string {
  if (res.fileProblems) return `; the file does not load as it stands, a daemon would not start with it:\n${res.fileProblems.map((p) => `  - ${p}`).join('\n')}`;
  if (path && !isDeepStrictEqual(res.running, res.file)) return `; the file sets ${JSON.stringify(res.file) ?? 'nothing'}, used after a restart`;
  return '';
}

/** `config get` through the running daemon (config.get, the PIN checked there): what it runs with, and the file's value when it differs. */
export async function configGetViaDaemon(api: DaemonApi, path: string | undefined, json?: boolean): Promise<void> {
  const r = await technicianCall(api, 'config.get', path ? { path } : {}, 'config get');
  if (!r) return;
  if (!r.ok) return void daemonFailed(r.error.message);
  const res = r.result as CommandResult<'config.get'>;
  if (res.running === undefined) {
    process.stderr.write(`kioskctl: ${path} has no value in the running daemon's config (no such setting, or an optional one not set)\n`);
    process.exitCode = CONFIG_EXIT.notSet;
    return;
  }
  if (json)
    return void process.stdout.write(
      `${JSON.stringify({ via: 'daemon', value: res.running, ...(path ? { file: res.file } : {}), ...(res.fileProblems ? { fileProblems: res.fileProblems } : {}) }, null, 2)}\n`,
    );
  process.stdout.write(`${JSON.stringify(res.running, null, 2)}\n`);
  process.stderr.write(`(as the running daemon uses it${fileRemark(res, path)})\n`);
}
