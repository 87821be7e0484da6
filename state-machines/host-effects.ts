import { fromCallback, fromPromise, type EventObject } from 'xstate';

/**
 * The machines are pure: every effect (a daemon command, a device event
 * stream) is an actor the host provides with `.provide({ actors })`. The
 * machine declares its name and types with one of these placeholders and
 * invokes it from the state that needs it, so leaving that state stops it.
 */

/** A request answered once (a daemon command). Unprovided it fails loudly: a journey never pretends a command ran. */
export function hostRequest<TOutput, TInput = void>(name: string) {
  return fromPromise<TOutput, TInput>(() => Promise.reject(new Error(`${name}: provided by the host with .provide({ actors })`)));
}

/** A stream of events from the host (card presence, scanned codes), sent to the invoking machine. Unprovided it stays silent. */
export function hostStream<TInput = void>() {
  return fromCallback<EventObject, TInput>(() => undefined);
}

/** The error code a failed request carries (the daemon's, or the client's offline/timeout); anything else is internalError. */
export function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : 'internalError';
}

/** For `assign({ error: failureCode })` in an `onError` transition. */
export const failureCode = ({ event }: { event: { error: unknown } }): string => codeOf(event.error);
