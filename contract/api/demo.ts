import { z } from 'zod';
import { command, event } from './define';
import { StaffNo } from './staff';

// Demo / training mode (演示模式): a signed-in staff member (or the config, in a
// training room) puts the terminal into a mode where every journey runs on the
// simulators, against a separate store that is never delivered to the platform
// and is deleted when the mode ends. Every screen and printout carries the mark.

/** The mark printed and shown while the mode is on; case numbers start with `${DEMO_CASE_PREFIX}`. */
export const DEMO_MARK = '演示 DEMO';
export const DEMO_CASE_PREFIX = 'DEMO-';

/**
 * The synthetic sample people the staff panel inserts (the ID-card
 * simulator's cards): one per card kind, and an expired and a damaged card.
 */
export const DEMO_SAMPLES = [
  { card: 'resident-valid', kind: 'resident' },
  { card: 'foreign-2023', kind: 'foreignPermanent' },
  { card: 'hk-permit', kind: 'hkMacaoTaiwan' },
  { card: 'resident-expired', kind: 'expired' },
  { card: 'resident-damaged', kind: 'damaged' },
] as const;
export type DemoSampleKind = (typeof DEMO_SAMPLES)[number]['kind'];

export const DemoStatus = z.object({
  active: z.boolean(),
  /** On from boot by config (demo.trainingRoom): it cannot be switched off at the terminal. */
  trainingRoom: z.boolean(),
  /** The mark screens and printouts carry while active. */
  mark: z.literal(DEMO_MARK).nullable(),
  /** ISO time the mode started (null when off). */
  since: z.string().nullable(),
  /** Who started it (null when off or in a training room). */
  staffNo: z.string().nullable(),
});
export type DemoStatus = z.infer<typeof DemoStatus>;

const StaffPin = z.object({ staffNo: StaffNo, pin: z.string().min(1).max(12) }).strict();

export const demoCommands = {
  'demo.status': command({ args: z.object({}).strict(), result: DemoStatus, doc: 'Whether the terminal is in demo / training mode (演示模式).' }),
  'demo.start': command({
    args: StaffPin,
    result: DemoStatus,
    doc: 'Staff (staff number + PIN, with the staff sign-in lockout) put the terminal into demo mode: journeys run on the simulators (where real devices are configured, simulators are put in use in their place until demo.stop; device.status announces each) against a separate demo store, nothing is delivered or counted, case numbers start with DEMO-. Errors: pinInvalid (detail remaining / lockedUntil), technicianLocked (too many wrong PINs), busy (already on).',
  }),
  'demo.stop': command({
    args: StaffPin,
    result: DemoStatus,
    doc: 'Staff (PIN again) end demo mode: the demo store is deleted and the real store opened again. Errors as demo.start; notSupported in a training room (demo.trainingRoom keeps it on).',
  }),
};

export const demoEvents = {
  'demo.status': event({ data: DemoStatus, doc: 'Demo mode started or ended: every page shows or drops the 演示 / DEMO mark.' }),
};
