/**
 * The daemon's time and timers. Injected wherever a timer decides something
 * (the session idle watch, retention sweeps) so that tests drive it in
 * milliseconds instead of waiting out the real deadline.
 */
export interface Clock {
  now(): number;
  /** Calls `fn` every `ms` until the returned function is called; never keeps the process alive on its own. */
  every(ms: number, fn: () => void): () => void;
  /** Calls `fn` once after `ms` unless the returned function is called first; never keeps the process alive on its own. */
  after(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  every(ms, fn) {
    const t = setInterval(fn, ms);
    t.unref();
    return () => clearInterval(t);
  },
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};
