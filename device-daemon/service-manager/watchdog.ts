import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Clock } from '../clock';

interface WatchdogHealth {
  /** The longest the event loop was blocked since the last check, in ms. */
  loopDelayMs(): number;
  /** Does the store answer (a trivial read on an open store)? A store that is not open answers for itself in /health: restarting would not open it. */
  storeAnswers(): boolean;
}

export interface WatchdogOptions {
  clock: Clock;
  /** systemd's WatchdogSec, in ms. */
  watchdogMs: number;
  health: WatchdogHealth;
  feed(): void;
  /** A check that did not feed, and why (logged). */
  starved(reason: string): void;
}

/**
 * Feeds the service manager's watchdog three times per period, and only while
 * the daemon is healthy: the event loop was not blocked for as long as a
 * check interval since the last check, and the store answers. A daemon that
 * keeps failing the check misses the deadline and systemd restarts it; one
 * failed check alone does not (the next ones still feed in time).
 */
export function startWatchdog(opts: WatchdogOptions): () => void {
  const intervalMs = Math.max(1, Math.floor(opts.watchdogMs / 3));
  return opts.clock.every(intervalMs, () => {
    const delay = opts.health.loopDelayMs();
    if (delay >= intervalMs) return opts.starved(`event loop blocked for ${Math.round(delay)} ms (limit ${intervalMs} ms)`);
    if (!opts.health.storeAnswers()) return opts.starved('the store does not answer');
    opts.feed();
  });
}

/** The event loop's longest delay between checks, from Node's histogram (reset at each read). */
export function eventLoopDelay(): { loopDelayMs(): number; stop(): void } {
  const h = monitorEventLoopDelay({ resolution: 20 });
  h.enable();
  return {
    loopDelayMs() {
      const ms = h.max / 1e6;
      h.reset();
      return ms;
    },
    stop: () => h.disable(),
  };
}
