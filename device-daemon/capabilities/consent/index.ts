import { chinaIso } from '../../../contract/domain/china-time';
import type { Capability, CapabilityContext } from '../../capability';

/**
 * consent.record: the consent screen (and the complaint's call-back phone)
 * tells the daemon what the resident agreed to; it is kept for the session
 * (services.consent), audited with its purpose, text version and time — no
 * personal data — and dropped with the session's other data.
 */
export function createConsentCapability(ctx: CapabilityContext): Capability {
  const { router, bus, services } = ctx;
  const { consent, clock } = services;
  return {
    name: 'consent',
    start() {
      router.register('consent.record', ({ purpose, textVersion }) => {
        const record = { purpose, textVersion, recordedAt: chinaIso(clock.now()) };
        consent.record(record);
        bus.emit('audit', { action: 'consent.recorded', detail: { purpose, textVersion } });
        return record;
      });
      ctx.addSessionWiper(() => consent.wipe());
    },
    stop() {},
  };
}
