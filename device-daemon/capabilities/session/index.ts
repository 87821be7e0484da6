import type { CommandName } from '../../../contract/api';
import type { Capability, CapabilityContext } from '../../capability';
import { SESSION_COMMANDS } from './session-commands';
import type { SessionWipe } from './session-wipe';

type BoundaryReason = 'uiDisconnected' | 'newUiConnection' | 'idleDeadline';

export interface SessionCapability extends Capability {
  /**
   * A command of UI connection `connId` is about to run (its parsed name). A
   * session command from a connection that does not own the session takes it
   * over: what the previous page held is wiped first. Only the owner's
   * commands restart the idle deadline.
   */
  command(connId: number, name: CommandName): void;
  /** A UI connection closed: if it owned the session, the session ends with it. */
  disconnected(connId: number): void;
}

/**
 * The resident's session ends with session.end, and session data never
 * outlives the page that used it: it is also wiped when the page that owns
 * it closes or another page takes it over, and when the owner sent no
 * command for longer than the UI's own idle timeout + warning while a card is
 * still held (a page that hung or lost its session.end). Another connection's
 * traffic (a technician's status poll, a second tab's pings) is not the
 * resident's activity. The watch runs on the injected clock.
 */
export function createSessionCapability(ctx: CapabilityContext, wipe: SessionWipe): SessionCapability {
  const { config, log, router, services } = ctx;
  const { clock, sessionCard } = services;
  // Read at each check: a technician's new idle timeout applies without a restart.
  const idleLimitMs = () => (config.session.idleTimeoutSeconds + config.session.warningSeconds + 5) * 1000;
  let lastActivity = clock.now();
  /**
   * Checks since the owner's last command: idle time on the timers, which a
   * wall clock set back (NTP, a technician) does not undo. Without it a clock
   * set an hour back would keep a held card an hour longer.
   */
  let checksIdle = 0;
  const checkMs = Math.min(5000, idleLimitMs());
  /** The connection whose page the resident's session belongs to (the last one that sent a session command). */
  let owner: number | undefined;
  let stopWatch: (() => void) | undefined;

  const boundary = (why: BoundaryReason): void => {
    const wiped = wipe.wipe({ boundary: true });
    if (wiped.length) log.info({ why, wiped }, 'session data wiped');
  };

  return {
    name: 'session',
    command(connId, name) {
      if (SESSION_COMMANDS.has(name) && owner !== connId) {
        // A new page takes the session over: nothing of the previous one's stays (even if its socket lingers).
        if (owner !== undefined) boundary('newUiConnection');
        owner = connId;
      }
      // The page's heartbeat says the browser lives, not that a resident is there.
      if (owner === connId && name !== 'page.heartbeat') {
        lastActivity = clock.now();
        checksIdle = 0;
      }
    },
    disconnected(connId) {
      // Only the page the session belongs to ends it by going (an older page that lingered does not wipe the new one's).
      if (owner !== connId) return;
      owner = undefined;
      boundary('uiDisconnected');
    },
    start() {
      router.register('session.end', () => ({ wiped: wipe.wipe() }));
      lastActivity = clock.now();
      stopWatch = clock.every(checkMs, () => {
        checksIdle++;
        // (checks − 1) × interval: the least idle time that many checks prove, so never early.
        const idleMs = Math.max(clock.now() - lastActivity, (checksIdle - 1) * checkMs);
        if (idleMs > idleLimitMs() && sessionCard.sessionCard()) boundary('idleDeadline');
      });
    },
    stop() {
      stopWatch?.();
    },
  };
}
