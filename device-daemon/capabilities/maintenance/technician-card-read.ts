import { ApiFailure } from '../../api/router';
import type { TechnicianAuth } from '../../auth/technician-auth';
import type { CapabilityContext } from '../../capability';
import type { CardTest } from './card-test';
import { technicianRefusal } from './pin-refusal';

const READ_MS = 15_000;

/**
 * card.technicianRead: kioskctl's `card read` while the daemon holds the
 * reader. The same test read as the devices page (never a session card,
 * audited), but only between residents: a held resident card or a technician
 * at the screen refuses it. Revealed fields are taken at once through the
 * audited reveal and nothing unmasked stays behind for a later reveal.
 */
export function registerTechnicianCardRead(ctx: CapabilityContext, auth: TechnicianAuth, card: CardTest, maintenanceActive: () => boolean): void {
  ctx.router.register('card.technicianRead', async ({ pin, reveal, timeoutMs }) => {
    const outcome = await auth.verify(pin, reveal ? 'card read --reveal' : 'card read');
    if (!outcome.ok) throw technicianRefusal(outcome, 'technician actions are');
    if (maintenanceActive()) throw new ApiFailure('busy', 'the terminal is in maintenance mode: use the card test on its devices page, or leave maintenance mode first');
    if (ctx.services.sessionCard.sessionCard()) throw new ApiFailure('busy', "a resident's session holds a card: read again when the resident is done (the screen is back at attract)");
    try {
      const read = await card.read(timeoutMs ?? READ_MS);
      return reveal ? { ...read, fields: card.reveal().fields, revealed: true } : { ...read, revealed: false };
    } finally {
      card.forget();
    }
  });
}
