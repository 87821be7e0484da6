import { assign, setup } from 'xstate';
import { hostRequest } from '../host-effects';

/**
 * Lifecycle every device shares: open → online, lose it → reconnect with
 * backoff. Pure: opening and closing the device are actors the host provides
 * (`openDevice`, `closeDevice`); the state that needs one invokes it, so an
 * open still running when the device is stopped is stopped with it and its
 * late answer goes nowhere. What the device reports while it runs (lost,
 * fault, busy, recovered …) arrives as events.
 *
 * The retry delay is named (`retryDelay`) and computed from the attempt
 * count, so the host injects its backoff curve and tests walk it as an event.
 * A RETRY that arrives while an open is still running (a replug during an
 * attempt that is about to fail) is kept: the failure is reported and the
 * next attempt starts without waiting, instead of the replug being lost
 * behind a backoff of up to 30 s.
 *
 *   starting ─open✓→ online ⇄ busy
 *      │ open✗            │ LOST            FAULT
 *      ▼                  ▼                   ▼
 *   noDevice | hardwareError   offline (close)   hardwareError ─RECOVERED→ online
 *      └──────── retryDelay / RETRY ──────────┴──→ starting
 */
type OpenFailureReason = 'noDevice' | 'hardwareError';

/** What a failed `openDevice` rejects with: noDevice when the hardware is not attached, hardwareError for anything else. */
export interface OpenFailure {
  reason: OpenFailureReason;
  message: string;
}

/** The failure an `openDevice` rejection carries; an untyped error (a driver bug) counts as hardwareError. */
export function openFailureOf(error: unknown): OpenFailure {
  const e = error as Partial<OpenFailure> | null | undefined;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return { reason: e?.reason === 'noDevice' ? 'noDevice' : 'hardwareError', message };
}

export type LifecycleEvent =
  /** The link is gone (unplugged, socket closed, stopped answering). */
  | { type: 'LOST'; message: string }
  /** The device reports a condition that stops it working (cover open, SAM fault). */
  | { type: 'FAULT'; message: string }
  | { type: 'BUSY' }
  | { type: 'IDLE' }
  | { type: 'RECOVERED' }
  /** Try to open now instead of at the end of the backoff (udev add, replug). */
  | { type: 'RETRY' }
  | { type: 'STOP' };

export interface LifecycleContext {
  attempt: number;
  reason: string | undefined;
  /** A RETRY came while an open was running: the wait after its failure is zero. */
  retryAsked: boolean;
}

/** The wait before the next open: none when a RETRY came during the failed one, else the host's backoff for the attempt. */
export function retryWait(context: LifecycleContext, backoff: (attempt: number) => number): number {
  return context.retryAsked ? 0 : backoff(context.attempt);
}

export const deviceLifecycleMachine = setup({
  types: {} as { context: LifecycleContext; events: LifecycleEvent },
  actors: {
    /** Open the device and check it answers; rejects with an OpenFailure. */
    openDevice: hostRequest<void>('openDevice'),
    /** Release the link after it was lost, so the next open starts clean. */
    closeDevice: hostRequest<void>('closeDevice'),
  },
  actions: {
    /** Keep what LOST / FAULT said, for the device status. */
    noteReason: assign({ reason: ({ event }) => ('message' in event ? event.message : undefined) }),
    noteFailedOpen: assign(({ context, event }) => ({ attempt: context.attempt + 1, reason: openFailureOf((event as { error?: unknown }).error).message })),
  },
  guards: {
    notAttached: ({ event }) => openFailureOf((event as { error?: unknown }).error).reason === 'noDevice',
  },
  delays: {
    // Exponential backoff 1 s → 30 s; hosts may override.
    retryDelay: ({ context }) => retryWait(context, (attempt) => Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5))),
  },
}).createMachine({
  id: 'deviceLifecycle',
  context: { attempt: 0, reason: undefined, retryAsked: false },
  initial: 'starting',
  // The host closes the device itself once the machine has stopped (nothing is left to invoke a close from).
  on: { STOP: '.stopped' },
  states: {
    starting: {
      entry: assign({ retryAsked: false }),
      on: { RETRY: { actions: assign({ retryAsked: true }) } },
      invoke: {
        id: 'openDevice',
        src: 'openDevice',
        onDone: { target: 'online', actions: assign({ attempt: 0, reason: undefined, retryAsked: false }) },
        onError: [
          { guard: 'notAttached', target: 'noDevice', actions: 'noteFailedOpen' },
          { target: 'hardwareError', actions: 'noteFailedOpen' },
        ],
      },
    },
    online: { on: { BUSY: 'busy', LOST: { target: 'offline', actions: 'noteReason' }, FAULT: { target: 'hardwareError', actions: 'noteReason' } } },
    busy: { on: { IDLE: 'online', LOST: { target: 'offline', actions: 'noteReason' }, FAULT: { target: 'hardwareError', actions: 'noteReason' } } },
    // Lost after being online: close what is left of the link, reconnect with backoff. A close that fails changes nothing.
    offline: {
      invoke: { id: 'closeDevice', src: 'closeDevice', onError: {} },
      after: { retryDelay: 'starting' },
      on: { RETRY: 'starting' },
    },
    // Not found at open: keep looking (a technician may plug it in).
    // Its wait is what a RETRY during the failed open shortened: spent on leaving.
    noDevice: { exit: assign({ retryAsked: false }), after: { retryDelay: 'starting' }, on: { RETRY: 'starting' } },
    // A fault the device reports (cover open, SAM fault): it may clear by itself.
    hardwareError: {
      exit: assign({ retryAsked: false }),
      after: { retryDelay: 'starting' },
      on: { RETRY: 'starting', RECOVERED: { target: 'online', actions: assign({ reason: undefined }) }, LOST: { target: 'offline', actions: 'noteReason' } },
    },
    stopped: { type: 'final' },
  },
});
