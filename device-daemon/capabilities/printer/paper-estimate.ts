import type { CapabilityContext } from '../../capability';
import type { PaperRoll } from '../../store/paper-roll';

/** What is left on the roll, as /health, the counters and fleet telemetry show it. */
export interface PaperEstimate {
  rollLengthM: number;
  /** mm fed since the roll went in (each printed layout's rendered height). */
  usedMm: number;
  /** Estimated metres left, one decimal; 0 when more was fed than a roll holds (the roll was longer, or never reset). */
  leftM: number;
  /** When the roll was changed (ISO), or null when no new roll was ever recorded. */
  rollChangedAt: string | null;
}

/**
 * The roll length less the paper fed since the roll went in. An estimate:
 * roll lengths vary by a few per cent and feeds beyond the layout (a cut's
 * margin) are not counted, so the near-end sensor stays the authority on
 * "low"; this says roughly how many receipts are left before it trips.
 */
export function paperEstimate(rollLengthM: number, roll: PaperRoll): PaperEstimate {
  const leftM = Math.max(0, Math.round((rollLengthM - roll.usedMm / 1000) * 10) / 10);
  return { rollLengthM, usedMm: roll.usedMm, leftM, rollChangedAt: roll.changedAt === null ? null : new Date(roll.changedAt).toISOString() };
}

/** This terminal's estimate from its printer profile and the store; null while the store is not open. */
export function paperLeft(ctx: CapabilityContext): PaperEstimate | null {
  const o = ctx.services.store.current();
  return o ? paperEstimate(ctx.config.devices.printer.profile.rollLengthM, o.store.paperRoll.read()) : null;
}
