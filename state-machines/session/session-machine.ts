import { assign, createMachine, setup } from 'xstate';

/**
 * The resident session: attract → active ⇄ warning → reset → attract.
 *
 * It owns the idle timeout, the warning countdown and the privacy wipe.
 * Pure: the two delays are named (`idleTimeout`, `warningTimeout`) and the
 * UI injects their length from config; the wipe is an injected action
 * (`wipeSession`: the UI clears its state and tells the daemon). Journeys
 * run inside `inSession`, so leaving it always stops them.
 *
 * WCAG 2.2.1: the warning lasts ≥ 20 s (config enforces it) and can be
 * extended at least 10 times; we allow unlimited extensions but count them.
 */
export type Locale = 'zh-CN' | 'en';

export interface SessionContext {
  locale: Locale;
  elderMode: boolean;
  voice: boolean;
  /** Defaults restored at every reset (from config). */
  defaults: { locale: Locale; elderMode: boolean };
  extensions: number;
  endReason: 'timeout' | 'user' | 'reset' | 'error' | undefined;
}

export type SessionEvent =
  | { type: 'START' }
  | { type: 'ACTIVITY' }
  | { type: 'EXTEND' }
  | { type: 'END'; reason?: 'user' | 'reset' | 'error' }
  | { type: 'SET_LOCALE'; locale: Locale }
  | { type: 'TOGGLE_ELDER' }
  | { type: 'TOGGLE_VOICE' }
  /** Delays as events, for pure graph walking (the live machine uses `after`). */
  | { type: 'IDLE_ELAPSED' }
  | { type: 'WARNING_ELAPSED' };

export interface SessionInput {
  locale?: Locale;
  elderMode?: boolean;
}

export const sessionMachine = setup({
  types: {} as { context: SessionContext; events: SessionEvent; input: SessionInput },
  actions: {
    /** Injected: clear every trace of the resident (UI state, daemon session data). */
    wipeSession: (_, _params: { reason: string }) => {},
    /** Injected: announce the warning (voice mode speaks it). */
    announceWarning: () => {},
  },
  actors: {
    /** Injected: the resident's journey (browse, then the flows of later issues). Stopped by every reset. */
    journey: createMachine({}),
  },
  delays: {
    idleTimeout: 90_000,
    warningTimeout: 30_000,
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => {
    const defaults = { locale: input.locale ?? 'zh-CN', elderMode: input.elderMode ?? false };
    return { ...defaults, voice: false, defaults, extensions: 0, endReason: undefined };
  },
  initial: 'attract',
  on: {
    SET_LOCALE: { actions: assign({ locale: ({ event }) => event.locale }) },
    TOGGLE_ELDER: { actions: assign({ elderMode: ({ context }) => !context.elderMode }) },
    TOGGLE_VOICE: { actions: assign({ voice: ({ context }) => !context.voice }) },
  },
  states: {
    attract: {
      // Only the start area begins a session; the language and elder toggles here must not.
      on: { START: 'inSession' },
    },
    inSession: {
      invoke: { id: 'journey', src: 'journey' },
      initial: 'active',
      on: {
        END: { target: 'resetting', actions: assign({ endReason: ({ event }) => event.reason ?? 'user' }) },
      },
      states: {
        active: {
          after: { idleTimeout: 'warning' },
          on: {
            // Re-entering restarts the idle timer.
            ACTIVITY: { target: 'active', reenter: true },
            IDLE_ELAPSED: 'warning',
          },
        },
        warning: {
          entry: 'announceWarning',
          after: { warningTimeout: '#session.timedOut' },
          on: {
            EXTEND: { target: 'active', actions: assign({ extensions: ({ context }) => context.extensions + 1 }) },
            WARNING_ELAPSED: '#session.timedOut',
          },
        },
      },
    },
    timedOut: {
      entry: assign({ endReason: 'timeout' }),
      always: 'resetting',
    },
    resetting: {
      entry: [
        { type: 'wipeSession', params: ({ context }) => ({ reason: context.endReason ?? 'reset' }) },
        assign(({ context }) => ({ ...context.defaults, voice: false, defaults: context.defaults, extensions: 0, endReason: undefined })),
      ],
      always: 'attract',
    },
  },
});
