import { ApiFailure } from '../../api/router';
import type { CapabilityContext } from '../../capability';
import { cardToJson } from '../../devices/id-card/card-json';
import { isExpired } from '../../devices/id-card/card-summary';
import { ReadError } from '../../devices/id-card/reader-device';

/**
 * The technician's card test: a read whose record never becomes a resident's
 * session card (the reader forgets it at once), shown masked; the unmasked
 * fields wait here for a reveal (held button, audited) until the next test
 * read or the end of maintenance.
 */
export class CardTest {
  private unmasked: Record<string, unknown> | undefined;

  constructor(private readonly ctx: CapabilityContext) {}

  async read(timeoutMs: number) {
    const dev = this.ctx.services.devices.reader;
    if (!dev) throw new ApiFailure('noDevice', this.ctx.services.devices.registry.get('idCardReader')?.status().reason ?? 'no ID-card reader is configured');
    this.forget();
    try {
      const read = await dev.read(timeoutMs);
      this.unmasked = cardToJson(read.record);
      this.ctx.bus.emit('audit', { action: 'maintenance.cardTest', detail: { kind: read.record.kind } });
      return { fields: cardToJson(read.record, { mask: true }), photo: read.photo.status, expired: isExpired(read.record.validTo, new Date(this.ctx.services.clock.now())) };
    } catch (err) {
      if (err instanceof ReadError) throw new ApiFailure(err.code, err.message);
      throw err;
    } finally {
      dev.wipeSession();
    }
  }

  reveal() {
    if (!this.unmasked) throw new ApiFailure('notFound', 'no test read to reveal: read a card first');
    this.ctx.bus.emit('audit', { action: 'maintenance.cardRevealed', detail: { kind: this.unmasked.kind } });
    return { fields: this.unmasked };
  }

  forget(): void {
    this.unmasked = undefined;
  }
}
