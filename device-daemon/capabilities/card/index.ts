import { ApiFailure } from '../../api/router';
import type { Capability, CapabilityContext } from '../../capability';
import { summarize } from '../../devices/id-card/card-summary';
import { ReadError, type IdCardReaderDevice } from '../../devices/id-card/reader-device';

/**
 * card.read / card.cancel / card.forget and the card.present / card.removed
 * events. The full record stays in the reader (the session card other
 * capabilities use) and is wiped with every other session datum; the page
 * gets the masked summary only.
 */
export function createCardCapability(ctx: CapabilityContext): Capability {
  const { devices } = ctx.services;
  let off: (() => void) | undefined;
  return {
    name: 'card',
    start() {
      if (devices.reader) off = registerReader(ctx, devices.reader);
      else {
        // A configured driver this build cannot drive: say why on every call.
        const why = () => devices.registry.get('idCardReader')?.status().reason ?? 'no ID-card reader is configured';
        ctx.router.register('card.read', () => {
          throw new ApiFailure('noDevice', why());
        });
        ctx.router.register('card.cancel', () => ({ cancelled: false }));
        ctx.router.register('card.forget', () => ({ forgotten: false }));
      }
    },
    stop() {
      off?.();
    },
  };
}

function registerReader(ctx: CapabilityContext, dev: IdCardReaderDevice): () => void {
  const { router, bus, services } = ctx;
  router.register('card.read', async ({ timeoutMs }) => {
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
  router.register('card.cancel', () => ({ cancelled: dev.cancelRead() }));
  // The reader starts over (idle, no record): the next card.read polls for a new card.
  router.register('card.forget', () => {
    services.consent.wipe();
    return { forgotten: dev.wipeSession().length > 0 };
  });
  ctx.addHealth('idCardReader', () => ({ reader: dev.readerState, link: dev.client.stats }));
  return dev.onCard((e) => {
    const at = new Date(services.clock.now()).toISOString();
    if (e.type === 'present') ctx.emit('card.present', { at });
    else ctx.emit('card.removed', { at, duringRead: e.duringRead });
  });
}
