import { z } from 'zod';
import type { DeviceRegistry } from '../devices/registry';

// The applicant comes from the card read in this session, held by the
// ID-card reader device (issue 3 adds sessionRecord() to it). The UI never
// sends an ID number. Coded defensively: a reader without the method, or one
// that returns something unexpected, means "no identified person".

export const SessionIdentity = z.object({
  /** resident | foreignPermanent | hkMacaoTaiwan … as the reader reports it. */
  kind: z.string().default('resident'),
  name: z.string().min(1),
  idNumber: z.string().min(8),
});
export type SessionIdentity = z.infer<typeof SessionIdentity>;

export type IdentitySource = () => SessionIdentity | undefined;

/**
 * The reader holds a CardRead ({ record: CardRecord, photo, readAt }); only
 * kind, name and number are taken from it (minimum necessary: no photo, no
 * address). A foreign card without a Chinese name is named by its English name.
 */
const ReaderRecord = z
  .object({
    kind: z.string().optional(),
    name: z.string().optional(),
    englishName: z.string().optional(),
    idNumber: z.string(),
    checkDigitOk: z.boolean().nullable().optional(),
  })
  .transform((r) => ({ kind: r.kind, name: r.name?.trim() || r.englishName?.trim() || '', idNumber: r.idNumber, checkDigitOk: r.checkDigitOk }));

export function readerIdentity(registry: Pick<DeviceRegistry, 'get'>): IdentitySource {
  return () => {
    const dev = registry.get('idCardReader') as { sessionRecord?: () => unknown } | undefined;
    const held = typeof dev?.sessionRecord === 'function' ? dev.sessionRecord() : undefined;
    if (!held || typeof held !== 'object') return undefined;
    const raw = 'record' in held ? (held as { record: unknown }).record : held;
    const rec = ReaderRecord.safeParse(raw);
    if (!rec.success || rec.data.checkDigitOk === false) return undefined;
    const id = SessionIdentity.safeParse(rec.data);
    return id.success ? id.data : undefined;
  };
}

/**
 * The address on the card read in this session, only for an application
 * sent by post with `addressFrom: 'card'` (minimum necessary: nothing else
 * takes it). Undefined when no card is held or the card carries no address.
 */
export function readerAddress(registry: Pick<DeviceRegistry, 'get'>): () => string | undefined {
  return () => {
    const dev = registry.get('idCardReader') as { sessionRecord?: () => unknown } | undefined;
    const held = typeof dev?.sessionRecord === 'function' ? dev.sessionRecord() : undefined;
    const rec = held && typeof held === 'object' && 'record' in held ? (held as { record: { address?: unknown } }).record : undefined;
    return typeof rec?.address === 'string' && rec.address.trim() ? rec.address.trim() : undefined;
  };
}
