import { ApiFailure } from '../../api/router';
import { ConfigPathRefused } from '../../config/config-edit';
import { BindingRefused } from '../../devices/discovery/device-binding';

/** A refused binding or protected setting is the technician's input, answered invalidArgs. */
export function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof BindingRefused || err instanceof ConfigPathRefused) throw new ApiFailure('invalidArgs', err.message);
    throw err;
  }
}
