import type { Capability, CapabilityContext } from '../../capability';
import type { OpenStore } from '../../store/store-service';

const SWEEP_MS = 3600_000;

/**
 * Retention: the personal part of delivered and parked submissions (and of
 * the embedded platform's case files) is purged storage.retentionDays after
 * acceptance — when the store opens and every hour after.
 */
export function createRetentionCapability(ctx: CapabilityContext): Capability {
  const { config, log, services } = ctx;
  const { store, clock } = services;
  const days = config.storage.retentionDays;
  let stopSweeps: (() => void) | undefined;

  const sweep = (o: OpenStore): void => {
    try {
      const now = clock.now();
      const cutoff = now - days * 86400_000;
      const n = o.store.submissions.purgeDelivered(cutoff, now);
      if (n) log.info({ purged: n, retentionDays: days }, 'retention: personal data of delivered and parked submissions purged');
      const cases = o.platform.purgePersonalData?.(cutoff) ?? 0;
      if (cases) {
        o.store.audit.append('retention.purgedPlatformCases', { cases, before: new Date(cutoff).toISOString() }, now);
        log.info({ cases, retentionDays: days }, 'retention: personal data of embedded platform cases purged');
      }
    } catch (err) {
      log.error({ err: (err as Error).message }, 'retention sweep failed');
    }
  };

  return {
    name: 'retention',
    start() {
      store.onOpen(sweep);
      stopSweeps = clock.every(SWEEP_MS, () => {
        const o = store.current();
        if (o) sweep(o);
      });
    },
    stop() {
      stopSweeps?.();
    },
  };
}
