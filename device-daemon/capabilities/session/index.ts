import type { Capability, CapabilityContext } from '../../capability';
import type { SessionWipe } from './session-wipe';

type BoundaryReason = 'uiDisconnected' | 'newUiConnection' | 'idleDeadline';

export interface SessionCapability extends Capability {
  /** A UI connection that used the session closed, or a new one starts using it: nothing of the old page's stays. */
  boundary(why: BoundaryReason): void;
  /** A command came from a UI: the idle deadline starts again. */
  activity(): void;
}

/**
 * The resident's session ends with session.end, and session data never
 * outlives the page that used it: it is also wiped when a UI connection
 * opens or closes (the server calls boundary()), and when no command came
 * for longer than the UI's own idle timeout + warning while a card is still
 * held (a page that hung or lost its session.end). The watch runs on the
 * injected clock.
 */
export function createSessionCapability(ctx: CapabilityContext, wipe: SessionWipe): SessionCapability {
  const { config, log, router, services } = ctx;
  const { clock, sessionCard } = services;
  const idleLimitMs = (config.session.idleTimeoutSeconds + config.session.warningSeconds + 5) * 1000;
  let lastActivity = clock.now();
  let stopWatch: (() => void) | undefined;

  const boundary = (why: BoundaryReason): void => {
    const wiped = wipe.wipe({ boundary: true });
    if (wiped.length) log.info({ why, wiped }, 'session data wiped');
  };

  return {
    name: 'session',
    boundary,
    activity: () => {
      lastActivity = clock.now();
    },
    start() {
      router.register('session.end', () => ({ wiped: wipe.wipe() }));
      lastActivity = clock.now();
      stopWatch = clock.every(Math.min(5000, idleLimitMs), () => {
        if (clock.now() - lastActivity > idleLimitMs && sessionCard.sessionCard()) boundary('idleDeadline');
      });
    },
    stop() {
      stopWatch?.();
    },
  };
}
