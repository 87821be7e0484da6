import type { Logger } from 'pino';
import { systemClock, type Clock } from '../clock';
import { serviceManagerEnv, systemdNotifier, type ServiceNotifier } from './notify';
import { eventLoopDelay, startWatchdog } from './watchdog';

export interface Supervision {
  /** The daemon is shutting down: STOPPING=1, the watchdog stops. */
  stopping(): void;
}

/**
 * Under systemd (Type=notify): READY=1 once the daemon listens (call this
 * after the listening line), then WATCHDOG=1 while it is healthy, if the
 * unit set WatchdogSec. Outside systemd, nothing.
 */
export function superviseBySystemd(opts: { log: Logger; url: string; storeAnswers(): boolean; env?: NodeJS.ProcessEnv; clock?: Clock; notifier?: ServiceNotifier }): Supervision {
  const { notify, watchdogMs } = serviceManagerEnv(opts.env);
  if (!notify) return { stopping: () => undefined };
  const notifier = opts.notifier ?? systemdNotifier({ env: opts.env, onError: (message) => opts.log.warn(message) });
  notifier.send({ READY: '1', STATUS: `listening on ${opts.url}` });
  if (watchdogMs === undefined) return { stopping: () => notifier.send({ STOPPING: '1' }) };
  const loop = eventLoopDelay();
  const stopWatchdog = startWatchdog({
    clock: opts.clock ?? systemClock,
    watchdogMs,
    health: { loopDelayMs: loop.loopDelayMs, storeAnswers: opts.storeAnswers },
    feed: () => notifier.send({ WATCHDOG: '1' }),
    starved: (reason) => opts.log.warn({ reason }, 'watchdog not fed'),
  });
  opts.log.info({ watchdogMs }, 'service manager: ready sent, watchdog fed while healthy');
  return {
    stopping() {
      stopWatchdog();
      loop.stop();
      notifier.send({ STOPPING: '1' });
    },
  };
}
