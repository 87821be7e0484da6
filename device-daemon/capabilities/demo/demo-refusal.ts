import { ApiFailure } from '../../api/router';
import type { StaffAuthOutcome } from '../../auth/staff-auth';

/** A refused staff sign-in as the API answers it (the staff number is not said to exist or not). */
export function demoRefusal(o: Exclude<StaffAuthOutcome, { ok: true }>): ApiFailure {
  if (o.code === 'locked') return new ApiFailure('technicianLocked', 'too many wrong PINs for this staff number: try again later', { lockedUntil: o.lockedUntil });
  return new ApiFailure('pinInvalid', 'wrong staff number or PIN', o.lockedUntil ? { remaining: 0, lockedUntil: o.lockedUntil } : { remaining: o.remaining });
}
