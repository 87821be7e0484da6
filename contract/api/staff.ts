import { z } from 'zod';
import { event } from './define';

// The staff view (/staff): its HTTP API's bodies and the one event the
// resident page gets from it. The staff page and the daemon check the same
// schemas; the resident page only ever sees `staff.acknowledged`.

const STAFF_ROLES = ['staff', 'assistant', 'supervisor'] as const;
export const StaffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;

export const StaffNo = z.string().regex(/^[A-Za-z0-9]{3,16}$/, 'expected a staff number of 3–16 letters or digits');

export const StaffSignIn = z.union([
  z.object({ staffNo: StaffNo, pin: z.string().max(12) }).strict(),
  /**
   * The staff member's own ID card on the terminal's reader, matched against
   * the accounts' salted card hashes and never kept: on the terminal's own
   * page only (a LAN desk cannot read whatever card lies on the terminal).
   */
  z.object({ method: z.literal('card'), timeoutMs: z.int().min(1000).max(60_000).optional() }).strict(),
]);
export type StaffSignIn = z.infer<typeof StaffSignIn>;

/**
 * The steps of a case worked at the terminal (embedded platform). Requesting
 * materials names what is missing; a rejection says why.
 */
export const CaseStep = z.discriminatedUnion('step', [
  z.object({ step: z.literal('accept') }).strict(),
  z.object({ step: z.literal('requestMaterials'), materials: z.array(z.string().trim().min(1).max(100)).min(1).max(20) }).strict(),
  z.object({ step: z.literal('approve') }).strict(),
  z.object({ step: z.literal('reject'), reason: z.string().trim().min(2).max(300) }).strict(),
  z.object({ step: z.literal('readyForPickup') }).strict(),
  z.object({ step: z.literal('posted'), trackingNo: z.string().trim().max(40).optional() }).strict(),
]);
export type CaseStep = z.infer<typeof CaseStep>;

export const CallAction = z.enum(['acknowledge', 'done']);
export type CallAction = z.infer<typeof CallAction>;

export const staffEvents = {
  'staff.acknowledged': event({
    data: z.object({ caseNo: z.string(), at: z.string() }),
    doc: 'Staff acknowledged a call-staff request in the staff view: the resident screen can say that someone is coming (no staff name or number is sent).',
  }),
};
