import { z } from 'zod';
import { command } from './define';
import { TechnicianPin } from './maintenance';

// The outbox as a technician acts on it from kioskctl while the daemon runs:
// the daemon owns the queue, so the CLI asks it instead of editing the store
// file beside it. The technician PIN travels with the command and is checked
// by the daemon against the one lockout ledger (the same as maintenance.enter
// and kioskctl's own checks).

const CaseNo = z.string().min(1).max(40);

export const outboxCommands = {
  'outbox.requeue': command({
    args: z.union([z.object({ pin: TechnicianPin, caseNo: CaseNo }).strict(), z.object({ pin: TechnicianPin, allParked: z.literal(true) }).strict()]),
    result: z.object({ requeued: z.array(z.string()) }),
    doc: 'Technician (PIN): put a parked submission (rejected, or waiting for staff) back in the delivery queue, or every parked one with allParked; due at once and the sync worker is woken, each re-queue audited as the technician. requeued lists the cases moved (empty: nothing parked, or that case is not parked). Errors: pinInvalid (detail: remaining, and lockedUntil when this try locked), technicianLocked (detail: lockedUntil), pinRequired, unauthorized (the shipped demo PIN on a terminal in service), storeUnavailable.',
  }),
};
