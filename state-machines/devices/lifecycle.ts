import { assign, setup } from 'xstate';

/**
 * Lifecycle every device shares: open → online, lose it → reconnect with
 * backoff. Pure: the host performs I/O in the injected actions
 * (`openDevice`, `closeDevice`) and reports results as events.
 * The retry delay is named (`retryDelay`) and computed from the attempt
 * count, so the host injects its backoff curve and tests inject their own.
 */
export type LifecycleEvent =
  | { type: 'OPENED' }
  | { type: 'OPEN_FAILED'; reason: 'noDevice' | 'hardwareError'; message: string }
  | { type: 'LOST'; message: string }
  | { type: 'FAULT'; message: string }
  | { type: 'BUSY' }
  | { type: 'IDLE' }
  | { type: 'RECOVERED' }
  | { type: 'RETRY' }
  | { type: 'STOP' };

export interface LifecycleContext {
  attempt: number;
  reason: string | undefined;
}

export const deviceLifecycleMachine = setup({
  types: {} as { context: LifecycleContext; events: LifecycleEvent },
  actions: {
    openDevice: () => {},
    closeDevice: () => {},
  },
  delays: {
    // Exponential backoff 1 s → 30 s; hosts may override.
    retryDelay: ({ context }) => Math.min(30_000, 1000 * 2 ** Math.min(context.attempt, 5)),
  },
}).createMachine({
  id: 'deviceLifecycle',
  context: { attempt: 0, reason: undefined },
  initial: 'starting',
  on: { STOP: '.stopped' },
  states: {
    starting: {
      entry: 'openDevice',
      on: {
        OPENED: { target: 'online', actions: assign({ attempt: 0, reason: undefined }) },
        OPEN_FAILED: [
          {
            guard: ({ event }) => event.reason === 'noDevice',
            target: 'noDevice',
            actions: assign({ attempt: ({ context }) => context.attempt + 1, reason: ({ event }) => event.message }),
          },
          {
            target: 'hardwareError',
            actions: assign({ attempt: ({ context }) => context.attempt + 1, reason: ({ event }) => event.message }),
          },
        ],
      },
    },
    online: {
      on: {
        BUSY: 'busy',
        LOST: { target: 'offline', actions: ['closeDevice', assign({ reason: ({ event }) => event.message })] },
        FAULT: { target: 'hardwareError', actions: assign({ reason: ({ event }) => event.message }) },
      },
    },
    busy: {
      on: {
        IDLE: 'online',
        LOST: { target: 'offline', actions: ['closeDevice', assign({ reason: ({ event }) => event.message })] },
        FAULT: { target: 'hardwareError', actions: assign({ reason: ({ event }) => event.message }) },
      },
    },
    // Lost after being online: reconnect with backoff.
    offline: { after: { retryDelay: 'starting' }, on: { RETRY: 'starting' } },
    // Not found at open: keep looking (a technician may plug it in).
    noDevice: { after: { retryDelay: 'starting' }, on: { RETRY: 'starting' } },
    // A fault the device reports (cover open, SAM fault): it may clear by itself.
    hardwareError: {
      after: { retryDelay: 'starting' },
      on: {
        RETRY: 'starting',
        RECOVERED: { target: 'online', actions: assign({ reason: undefined }) },
        LOST: { target: 'offline', actions: ['closeDevice', assign({ reason: ({ event }) => event.message })] },
      },
    },
    stopped: { entry: 'closeDevice', type: 'final' },
  },
});
