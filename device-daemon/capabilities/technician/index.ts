import { TechnicianAuth, technicianStateFile } from '../../auth/technician-auth';
import type { Capability, CapabilityContext } from '../../capability';

/**
 * The technician PIN as the running daemon sees it: a loud warning at every
 * start while the configured PIN is the shipped demo PIN (whether or not the
 * config marks a demo terminal), and a /health section with the tries and
 * any lockout (shared with the CLI through the state file; nothing secret).
 * The on-screen maintenance mode checks PINs through the same
 * TechnicianAuth (`auth`).
 */
export function createTechnicianCapability(ctx: CapabilityContext): Capability & { auth: TechnicianAuth } {
  const { config, log, services } = ctx;
  const { demoMode } = config.technician;
  const auth = new TechnicianAuth({
    pinHash: config.technician.pinHash,
    demoMode,
    stateFile: technicianStateFile(config.storage.path),
    now: () => services.clock.now(),
    log: log.child({ capability: 'technician' }),
  });
  let pin: 'checking' | 'demo' | 'set' = 'checking';
  return {
    name: 'technician',
    auth,
    start() {
      // One scrypt off the event loop: the daemon does not wait for it to listen.
      void auth.demoPinConfigured().then((demo) => {
        pin = demo ? 'demo' : 'set';
        if (!demo) return;
        const what = demoMode
          ? 'technician.demoMode is set: the demo PIN opens technician actions. A terminal in service must not be a demo'
          : 'it opens no technician action until a PIN of this terminal is set';
        process.stderr.write(`\n*** THE SHIPPED DEMO TECHNICIAN PIN IS CONFIGURED: ${what}. Set one with \`npx kioskctl config pin set\`. ***\n\n`);
        log.warn({ demoMode }, 'the shipped demo technician PIN is configured');
      });
      ctx.addHealth('technician', () => {
        const s = auth.state();
        return { pin, demoMode, failures: s.failures, lockouts: s.lockouts, lockedUntil: s.lockedUntil === null ? null : new Date(s.lockedUntil).toISOString(), totals: s.totals };
      });
    },
    stop() {},
  };
}
