import type { CapabilityContext } from '../../capability';
import { ApiFailure } from '../../api/router';
import { summarize } from './card-summary';
import { IdCardReaderDevice, ReadError } from './reader-device';

/**
 * card.read / card.cancel and the card.present / card.removed events.
 * The full record stays in the device (registry.get('idCardReader').sessionRecord())
 * and is wiped with every other session datum at session.end.
 */
export function registerCardApi(ctx: CapabilityContext): void {
  const dev = ctx.registry.get('idCardReader');
  if (!(dev instanceof IdCardReaderDevice)) {
    // A configured driver this build cannot drive: say why on every call.
    const why = () => dev?.status().reason ?? 'no ID-card reader is configured';
    ctx.router.register('card.read', () => {
      throw new ApiFailure('noDevice', why());
    });
    ctx.router.register('card.cancel', () => ({ cancelled: false }));
    ctx.router.register('card.forget', () => ({ forgotten: false }));
    return;
  }
  ctx.router.register('card.read', async ({ timeoutMs }) => {
    try {
      const read = await dev.read(timeoutMs ?? 30_000);
      const summary = summarize(read);
      ctx.bus.emit('counter', 'cardReads', 1);
      ctx.bus.emit('audit', { action: 'card.read', detail: { kind: summary.kind, maskedIdNumber: summary.maskedIdNumber, expired: summary.expired } });
      return summary;
    } catch (err) {
      if (err instanceof ReadError) {
        if (err.code !== 'cancelled' && err.code !== 'noCard' && err.code !== 'busy') ctx.bus.emit('counter', 'cardReadFailures', 1);
        throw new ApiFailure(err.code, err.message);
      }
      throw err;
    }
  });
  ctx.router.register('card.cancel', () => ({ cancelled: dev.cancelRead() }));
  // The reader starts over (idle, no record): the next card.read polls for a new card.
  ctx.router.register('card.forget', () => ({ forgotten: dev.wipeSession().length > 0 }));
  dev.onCard((e) => {
    const at = new Date().toISOString();
    if (e.type === 'present') ctx.emit('card.present', { at });
    else ctx.emit('card.removed', { at, duringRead: e.duringRead });
  });
  ctx.addHealth('idCardReader', () => ({ reader: dev.readerState, link: dev.client.stats }));
}
