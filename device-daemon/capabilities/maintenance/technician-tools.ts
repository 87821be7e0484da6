import { ApiFailure } from '../../api/router';
import type { CapabilityContext } from '../../capability';
import type { CardTest } from './card-test';
import { editConfig } from './config-edit-command';
import { maintenanceReport } from './maintenance-report';

export interface ToolsRoot {
  configPath: string;
  /** Stops the daemon cleanly (its supervisor starts it again); absent where the daemon cannot stop itself (tests). */
  restart?: () => void;
  /** Whether a supervisor restarts the daemon when it exits (systemd: Restart=always). */
  supervised?: boolean;
}

const TEST_READ_MS = 20_000;

/**
 * The maintenance pages' commands past entry and discovery: settings saved
 * and, where the daemon reads them on every use, applied at once; the card
 * test; the counters and logs report; re-queueing a parked submission; the
 * restart. Each checks the token first (`authorised`).
 */
export function registerTechnicianTools(ctx: CapabilityContext, root: ToolsRoot, authorised: (token: string) => void, card: CardTest): void {
  const { router, bus, services } = ctx;
  router.register('maintenance.config.set', ({ token, path, value }) => {
    authorised(token);
    return editConfig(ctx, root.configPath, path, value, 'maintenance screen');
  });
  router.register('maintenance.test.card', ({ token, timeoutMs }) => {
    authorised(token);
    return card.read(timeoutMs ?? TEST_READ_MS);
  });
  router.register('maintenance.test.cardReveal', ({ token }) => {
    authorised(token);
    return card.reveal();
  });
  router.register('maintenance.report', ({ token }) => {
    authorised(token);
    return maintenanceReport(ctx);
  });
  router.register('maintenance.requeue', ({ token, caseNo }) => {
    authorised(token);
    const kind = services.store.run((o) => {
      const subs = o.store.submissions;
      return subs.requeue(caseNo, { staffNo: 'technician' }, services.clock.now()) ? subs.findByCaseNo(caseNo)?.kind : undefined;
    });
    // The sync worker is woken as for a new submission: the case goes now, not at the worker's next idle look.
    if (kind) bus.emit('submissionStored', kind);
    return { requeued: kind !== undefined };
  });
  router.register('maintenance.restart', ({ token }) => {
    authorised(token);
    const restart = root.restart;
    if (!restart) throw new ApiFailure('notSupported', 'this daemon cannot stop itself: restart it from its supervisor');
    ctx.log.warn({ supervised: root.supervised === true }, 'restart asked from maintenance mode');
    bus.emit('audit', { action: 'maintenance.restart', detail: { supervised: root.supervised === true } });
    // After the answer has been written: the page hears "restarting" before the socket closes.
    setTimeout(restart, 100);
    return { restarting: true as const, supervised: root.supervised === true };
  });
}
