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

export function readerIdentity(registry: Pick<DeviceRegistry, 'get'>): IdentitySource {
  return () => {
    const dev = registry.get('idCardReader') as { sessionRecord?: () => unknown } | undefined;
    const rec = typeof dev?.sessionRecord === 'function' ? dev.sessionRecord() : undefined;
    if (!rec) return undefined;
    const parsed = SessionIdentity.safeParse(rec);
    return parsed.success ? parsed.data : undefined;
  };
}
