import { ApiFailure } from '../api/router';
import { FormProblem } from '../catalog/form-check';
import { DeviceCommandError } from '../devices/device';
import { PlatformError } from '../platform/types';
import { StoreUnavailable } from '../store/store-service';

// Parts throw their own typed errors; the capability that exposes a command
// turns them into the API's answer here, in one place.

/** The API failure a part's error means; an error no part declares stays as it is (the router answers internalError). */
export function apiFailureOf(err: unknown): unknown {
  if (err instanceof ApiFailure) return err;
  if (err instanceof FormProblem) return new ApiFailure('invalidArgs', err.message, { field: err.field, reason: err.reason });
  if (err instanceof StoreUnavailable) return new ApiFailure('storeUnavailable', err.message);
  if (err instanceof DeviceCommandError) return new ApiFailure(err.code, err.message);
  if (err instanceof PlatformError) {
    if (err.disposition === 'giveUp') return new ApiFailure('platformRejected', err.message);
    if (err.disposition === 'needsStaff') return new ApiFailure('needsStaff', err.message);
    return new ApiFailure('platformUnavailable', err.message);
  }
  return err;
}

/** Runs `fn`, answering a part's error as its API failure. */
export async function answering<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw apiFailureOf(err);
  }
}

/** Same, for synchronous handlers. */
export function answeringSync<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw apiFailureOf(err);
  }
}

/** A platform that cannot be asked (transport failure of any kind) is platformUnavailable unless it said more. */
export function platformFailure(err: unknown): ApiFailure {
  const mapped = apiFailureOf(err);
  return mapped instanceof ApiFailure ? mapped : new ApiFailure('platformUnavailable', (err as Error).message);
}
