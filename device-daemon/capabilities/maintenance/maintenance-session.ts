import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../clock';

export type EndReason = 'left' | 'idle';

/**
 * The one maintenance session the daemon holds: a random token the page
 * sends with every maintenance command, and an idle timeout on the daemon's
 * clock, so a technician who walks away does not leave the terminal in
 * maintenance (or its settings open) for the next passer-by.
 */
export class MaintenanceSession {
  private token: string | undefined;
  private lastUse = 0;
  private stopWatch: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly idleMs: number,
    private readonly onEnd: (reason: EndReason) => void,
  ) {}

  get active(): boolean {
    return this.token !== undefined;
  }

  /** A new session (a previous one is replaced): its token. */
  begin(): string {
    this.stopWatch?.();
    this.token = randomBytes(24).toString('base64url');
    this.lastUse = this.clock.now();
    const checkMs = Math.min(5000, this.idleMs);
    let checks = 0;
    this.stopWatch = this.clock.every(checkMs, () => {
      checks++;
      // As the resident session's watch: idle time proven by the timers too, so a clock set back does not extend it.
      if (Math.max(this.clock.now() - this.lastUse, (checks - 1) * checkMs) > this.idleMs) this.end('idle');
    });
    this.touchChecks = () => {
      checks = 0;
    };
    return this.token;
  }

  /** Whether `token` is the session's; a valid one restarts the idle time. */
  use(token: string): boolean {
    if (!this.token || !sameToken(token, this.token)) return false;
    this.lastUse = this.clock.now();
    this.touchChecks();
    return true;
  }

  end(reason: EndReason): void {
    if (!this.token) return;
    this.token = undefined;
    this.stopWatch?.();
    this.stopWatch = undefined;
    this.onEnd(reason);
  }

  private touchChecks: () => void = () => undefined;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
