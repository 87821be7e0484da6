import { z } from 'zod';
import { command } from './define';
import { TechnicianPin } from './maintenance';

// kioskctl card read while the daemon runs: the daemon holds the reader's
// port, so the CLI asks it to read instead of opening the port itself. It
// reads only between residents (a resident's card is never read from under
// them) and the fields leave the daemon masked unless the technician asks to
// reveal them, which is audited.

export const technicianCardCommands = {
  'card.technicianRead': command({
    args: z.object({ pin: TechnicianPin, reveal: z.boolean().optional(), timeoutMs: z.number().int().min(1000).max(60_000).optional() }).strict(),
    result: z.object({ fields: z.record(z.string(), z.unknown()), photo: z.string(), expired: z.boolean(), revealed: z.boolean() }),
    doc: "Technician (PIN): read a card on the daemon's reader, as maintenance.test.card does (the record never becomes a resident's session card; audited), the fields masked unless reveal (audited as a reveal). Refused while a resident's session holds a card or maintenance mode is on. Errors: pinInvalid, technicianLocked, pinRequired, unauthorized (as outbox.requeue), busy (a resident's session or maintenance mode; or the reader is reading for a resident), noDevice, noCard, timeout (the reader's codes).",
  }),
};
