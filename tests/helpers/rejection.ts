import { expect } from 'vitest';

/** Await a promise that must reject with an error of `type`, and return that error (fails the test if it resolves or rejects otherwise). */
export async function rejectionOf<E>(p: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const outcome = await p.then(
    (value: unknown) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error(`expected a ${type.name}, the promise resolved`);
  expect(outcome.error).toBeInstanceOf(type);
  return outcome.error as E;
}
