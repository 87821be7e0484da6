import { performance } from 'node:perf_hooks';

/** A pending reply deadline; cancel it when the reply has come. */
export interface ReplyDeadline {
  cancel(): void;
}

export interface ReplyDeadlineOptions {
  /** How much stalled time may be given back in all (default: the deadline itself, at least 1 s). */
  maxExtensionMs?: number;
  now?: () => number;
}

/** A timer this much later than due means the process stalled, not the device. */
const STALL_SLACK_MS = 20;

/**
 * Calls `expire` when a device has had `ms` to answer, counted in time this
 * process was able to listen. Node runs due timers before it reads I/O, so
 * when the event loop was blocked (the daemon's own start, a burst of work,
 * a slow disk), a reply the device sent in time is still unread when the
 * plain timer fires, and the device is blamed for our stall. So a deadline
 * that fires late gives the stalled time back (at most `maxExtensionMs` in
 * all), and its final expiry waits one turn of the loop (setImmediate), after
 * the bytes already received have been read.
 */
export function replyDeadline(ms: number, expire: () => void, opts: ReplyDeadlineOptions = {}): ReplyDeadline {
  const now = opts.now ?? (() => performance.now());
  const maxExtension = opts.maxExtensionMs ?? Math.max(1000, ms);
  let given = 0;
  let due = now() + ms;
  let done = false;
  let timer: NodeJS.Timeout | undefined;
  let turn: NodeJS.Immediate | undefined;
  const fire = () => {
    timer = undefined;
    const late = now() - due;
    if (late > STALL_SLACK_MS && given < maxExtension) {
      const back = Math.min(late, maxExtension - given);
      given += back;
      due = now() + back;
      timer = setTimeout(fire, back);
      return;
    }
    turn = setImmediate(() => {
      turn = undefined;
      if (done) return;
      done = true;
      expire();
    });
  };
  timer = setTimeout(fire, ms);
  return {
    cancel() {
      done = true;
      if (timer) clearTimeout(timer);
      if (turn) clearImmediate(turn);
    },
  };
}
