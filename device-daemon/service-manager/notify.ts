import { execFile } from 'node:child_process';

/** How the daemon tells the service manager it is ready, stopping, or still healthy. */
export interface ServiceNotifier {
  send(fields: Record<string, string>): void;
}

/**
 * sd_notify through systemd-notify(1): Node has no unix datagram sockets, and
 * the packages that add them are native addons with little upkeep, while
 * systemd-notify ships with systemd on every terminal. The unit has
 * NotifyAccess=all, since the message comes from a child process; systemd-notify
 * waits until systemd has read it (its barrier, without --no-block), so the
 * child exiting at once does not lose the message. Failures are reported once
 * per kind, never per watchdog ping.
 */
export function systemdNotifier(opts: { onError(message: string): void; command?: string; env?: NodeJS.ProcessEnv }): ServiceNotifier {
  const reported = new Set<string>();
  return {
    send(fields) {
      const args = Object.entries(fields).map(([k, v]) => `${k}=${v}`);
      execFile(opts.command ?? 'systemd-notify', args, { env: opts.env ?? process.env, timeout: 5000 }, (err, _out, stderr) => {
        if (!err) return;
        const kind = Object.keys(fields).join(',');
        if (reported.has(kind)) return;
        reported.add(kind);
        opts.onError(`systemd-notify ${kind} failed: ${stderr.trim() || err.message}`);
      });
    },
  };
}

/** What systemd asked of this process: notifications at all (NOTIFY_SOCKET), and a watchdog period (WATCHDOG_USEC, for this pid). */
export function serviceManagerEnv(env: NodeJS.ProcessEnv = process.env, pid = process.pid): { notify: boolean; watchdogMs?: number } {
  if (!env.NOTIFY_SOCKET) return { notify: false };
  const usec = Number(env.WATCHDOG_USEC);
  const forUs = env.WATCHDOG_PID === undefined || Number(env.WATCHDOG_PID) === pid;
  return { notify: true, watchdogMs: Number.isFinite(usec) && usec > 0 && forUs ? Math.floor(usec / 1000) : undefined };
}
