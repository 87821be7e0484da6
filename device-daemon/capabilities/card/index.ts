import { ApiFailure } from '../../api/router';
import type { Capability, CapabilityContext } from '../../capability';
import { summarize } from '../../devices/id-card/card-summary';
import { ReadError, type IdCardReaderDevice } from '../../devices/id-card/reader-device';
import { followDevice } from '../follow-device';

/**
 * card.read / card.cancel / card.forget and the card.present / card.removed
 * events. The full record stays in the reader (the session card other
 * capabilities use) and is wiped with every other session datum; the page
 * gets the masked summary only.
 */
export function createCardCapability(ctx: CapabilityContext): Capability {
  let off: (() => void) | undefined;
  return {
    name: 'card',
    start() {
      off = registerReader(ctx);
    },
    stop() {
      off?.();
    },
  };
}

/**
 * The commands act on the reader in use at the call (demo mode swaps it); a
 * configured driver this build cannot drive leaves none, and card.read says why.
 */
function registerReader(ctx: CapabilityContext): () => void {
  const { router, bus, services } = ctx;
  const { devices } = services;
  const reader = (): IdCardReaderDevice => {
    const dev = devices.reader;
    if (!dev) throw new ApiFailure('noDevice', devices.registry.get('idCardReader')?.status().reason ?? 'no ID-card reader is configured');
    return dev;
  };
  router.register('card.read', async ({ timeoutMs }) => {
    const dev = reader();
    try {
      const read = await dev.read(timeoutMs ?? 30_000);
      // A consent is given for the card it follows: whoever's card this is has not given one yet.
      services.consent.wipe();
      const summary = summarize(read, new Date(services.clock.now()));
      bus.emit('counter', 'cardReads', 1);
      bus.emit('audit', { action: 'card.read', detail: { kind: summary.kind, maskedIdNumber: summary.maskedIdNumber, expired: summary.expired } });
      return summary;
    } catch (err) {
      if (err instanceof ReadError) {
        if (err.code !== 'cancelled' && err.code !== 'noCard' && err.code !== 'busy') bus.emit('counter', 'cardReadFailures', 1);
        throw new ApiFailure(err.code, err.message);
      }
      throw err;
    }
  });
  router.register('card.cancel', () => ({ cancelled: devices.reader?.cancelRead() ?? false }));
  // The reader starts over (idle, no record): the next card.read polls for a new card.
  router.register('card.forget', () => {
    services.consent.wipe();
    return { forgotten: (devices.reader?.wipeSession().length ?? 0) > 0 };
  });
  ctx.addHealth('idCardReader', () => {
    const dev = devices.reader;
    return dev ? { reader: dev.readerState, link: dev.client.stats } : null;
  });
  return followDevice(devices, 'reader', (dev) =>
    dev.onCard((e) => {
      const at = new Date(services.clock.now()).toISOString();
      if (e.type === 'present') ctx.emit('card.present', { at });
      else ctx.emit('card.removed', { at, duringRead: e.duringRead });
    }),
  );
}
