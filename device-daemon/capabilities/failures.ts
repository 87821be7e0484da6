import { ApiFailure } from '../api/router';
import { FormProblem } from '../catalog/form-check';

// Parts throw their own typed errors; the capability that exposes a command
// turns them into the API's answer here, in one place.

/** Rethrows a part's error as the API failure it means; anything unknown is rethrown as is (internalError). */
export function asApiFailure(err: unknown): never {
  if (err instanceof FormProblem) throw new ApiFailure('invalidArgs', err.message, { field: err.field, reason: err.reason });
  throw err;
}
