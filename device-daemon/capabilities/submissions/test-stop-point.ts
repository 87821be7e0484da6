import type { Logger } from 'pino';

/** The moments a test may stop the daemon at (kill -9 there and restart). */
export type StopPoint = 'submission.committed';

const ENV = 'KIOSK_TEST_STOP_AT';

/**
 * A point where a crash test kills the daemon. With KIOSK_TEST_STOP_AT=<point>
 * in the daemon's environment, the command that reaches the point writes
 * `{"msg":"test stop point reached","stopPoint":…}` to stdout and is held
 * there for good (its answer never goes out), so the test SIGKILLs the daemon
 * when it reads that line — on a causal event, at exactly that moment, not
 * after a guessed delay. Only tests set the variable (a terminal's service
 * unit never does); while it is set the daemon says so loudly at start.
 */
export function createStopPoints(log: Logger): { reached(point: StopPoint): Promise<void> } {
  const armed = process.env[ENV];
  if (armed) log.warn({ stopPoint: armed }, `${ENV} is set: commands reaching that point are held unanswered (crash tests only; never set on a terminal)`);
  return {
    reached(point) {
      if (armed !== point) return Promise.resolve();
      process.stdout.write(`${JSON.stringify({ msg: 'test stop point reached', stopPoint: point })}\n`);
      return new Promise<void>(() => {});
    },
  };
}
