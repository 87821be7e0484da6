import { ApiFailure } from '../../api/router';
import type { AuthOutcome } from '../../auth/technician-auth';

/**
 * A refused technician PIN as the API answers it: the tries left or the
 * lockout's end, so the page or kioskctl can say how long. `locked` names
 * what the lockout closes (maintenance mode, technician actions).
 */
export function technicianRefusal(o: Exclude<AuthOutcome, { ok: true }>, locked: string): ApiFailure {
  switch (o.code) {
    case 'pinRequired':
      return new ApiFailure('pinRequired', 'enter the technician PIN');
    case 'pinInvalid':
      return new ApiFailure('pinInvalid', 'wrong technician PIN', o.lockedUntil ? { remaining: 0, lockedUntil: o.lockedUntil } : { remaining: o.remaining });
    case 'locked':
      return new ApiFailure('technicianLocked', `too many wrong PINs: ${locked} locked for a while`, { lockedUntil: o.lockedUntil });
    case 'demoPin':
      return new ApiFailure('unauthorized', 'the configured PIN is the shipped demo PIN, which opens nothing on a terminal in service: set one with `kioskctl config pin set`');
  }
}
