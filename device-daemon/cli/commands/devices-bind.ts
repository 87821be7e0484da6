import type { CommandResult } from '../../../contract/api';
import { ConfigError } from '../../config/load';
import { BindingRefused, type DeviceRole, bindDevice } from '../../devices/discovery/device-binding';
import { discoverPorts, findPort } from '../../devices/discovery/discover';
import { type ProbeResult, probeDevice } from '../../devices/discovery/probe';
import type { DaemonApi } from '../daemon-api';
import { daemonRunning } from '../daemon-link';
import { technicianCall } from '../technician-gate';

/** Exit codes of `devices bind` (documented in the README's kioskctl section); 4, PIN refused, is the technician gate's. */
export const BIND_EXIT = { bound: 0, failed: 1, refused: 2, noAnswer: 3, noSuchPort: 5 } as const;

/** What `devices bind` did, as printed (and as --json prints it). */
interface Bound {
  via: 'daemon' | 'file';
  daemon: 'running' | 'none';
  section: Record<string, unknown>;
  probe: ProbeResult | null;
  /** A device binding never takes effect in a running daemon: it keeps the device it opened at start. */
  applied: false;
  restartNeeded: boolean;
  note: string;
}

const RESTART = 'on an installed terminal: systemctl restart gov-kiosk-daemon; the maintenance screen offers a restart';

function fail(code: number, message: string): number {
  process.stderr.write(`kioskctl: ${message}\n`);
  return code;
}

function report(file: string, role: DeviceRole, b: Bound, json: boolean): number {
  if (json) process.stdout.write(`${JSON.stringify(b, null, 2)}\n`);
  else process.stdout.write(`${file}: devices.${role} = ${JSON.stringify(b.section)}\n${b.note}\n${b.probe ? `probe: ${b.probe.detail}\n` : ''}`);
  return b.probe?.probed && !b.probe.answered ? BIND_EXIT.noAnswer : BIND_EXIT.bound;
}

/**
 * Through the running daemon (devices.bind, the PIN checked there): it finds
 * the port, saves and audits the binding, and probes it. Undefined when the
 * PIN was refused (said, with its exit code).
 */
export async function bindViaDaemon(api: DaemonApi, file: string, role: DeviceRole, portId: string, json: boolean): Promise<number | undefined> {
  const r = await technicianCall(api, 'devices.bind', { role, portId }, 'devices bind');
  if (!r) return undefined;
  if (!r.ok) {
    if (r.error.code === 'notFound') return fail(BIND_EXIT.noSuchPort, `no port ${portId} is attached now (kioskctl devices list)`);
    if (r.error.code !== 'invalidArgs') return fail(BIND_EXIT.failed, `the daemon refused: ${r.error.message}`);
    const problems = Array.isArray(r.error.detail) ? (r.error.detail as string[]) : [];
    return fail(BIND_EXIT.refused, problems.length ? new ConfigError(file, problems).message : r.error.message);
  }
  const res = r.result as CommandResult<'devices.bind'>;
  const note = `saved and audited through the running daemon, which keeps the device it opened at start: restart it to use the new binding (${RESTART})`;
  return report(file, role, { via: 'daemon', daemon: 'running', section: res.section, probe: res.probe, applied: false, restartNeeded: true, note }, json);
}

/** No daemon answers (or --file): the file written here, and the port probed here unless a daemon holds the devices. */
export async function bindInFile(file: string, role: DeviceRole, portId: string, opts: { port?: string; json: boolean }, why: string): Promise<number> {
  const port = findPort(await discoverPorts(), portId);
  if (!port) return fail(BIND_EXIT.noSuchPort, `no port ${portId} is attached now (kioskctl devices list)`);
  let saved: ReturnType<typeof bindDevice>;
  try {
    saved = bindDevice(file, role, port);
  } catch (err) {
    if (err instanceof BindingRefused) return fail(BIND_EXIT.refused, err.message);
    throw err;
  }
  if (!saved.ok) return fail(BIND_EXIT.refused, new ConfigError(file, saved.problems).message);
  const section = saved.section ?? {};
  // A daemon may run all the same (--file, or it served no API token): it keeps its devices open, a probe would meet a busy port.
  const running = await daemonRunning(file, opts.port).catch(() => false);
  const probe = running ? null : await probeDevice(role, section);
  const note = running
    ? `saved in the file only (${why}); a daemon is running and keeps the device it opened at start: restart it to use the new binding (${RESTART}); it probes the device when it opens it`
    : `saved in the file (${why}); no daemon is running: it uses the binding when it starts`;
  return report(file, role, { via: 'file', daemon: running ? 'running' : 'none', section, probe, applied: false, restartNeeded: running, note }, opts.json);
}
