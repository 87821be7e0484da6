import type { ServiceInput } from '../../state-machines/flows/service-machine';

/** A service journey input for machine tests (no catalog needed). */
export function serviceInputFor(itemId: string): ServiceInput {
  return { itemId, idempotencyKey: '00000000-0000-4000-8000-0000000000aa' };
}
