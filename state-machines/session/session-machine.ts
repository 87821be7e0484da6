import { assign, setup } from 'xstate';
import { hostRequest } from '../host-effects';
import { browseMachine } from '../flows/browse-machine';

/**
 * The resident session: attract → active ⇄ warning → resetting → attract.
 *
 * It owns the idle timeout, the warning countdown and the privacy wipe. The
 * two delays are named (`idleTimeout`, `warningTimeout`) and the UI sets their
 * length from config; the wipe is the host's (`wipe`: the UI clears its state
 * and tells the daemon), invoked while `resetting`, and the next resident can
 * start only once it answered. The resident's journey runs inside
 * `inSession`, so leaving it always stops the journey and every effect the
 * journey had under way.
 *
 * WCAG 2.2.1: the warning lasts ≥ 20 s (config enforces it) and can be
 * extended at least 10 times; we allow unlimited extensions but count them.
 */
type Locale = 'zh-CN' | 'en';
export type EndReason = 'timeout' | 'user' | 'reset' | 'error';

export interface SessionContext {
  locale: Locale;
  elderMode: boolean;
  voice: boolean;
  /** Defaults restored at every reset (from config). */
  defaults: { locale: Locale; elderMode: boolean };
  extensions: number;
  endReason: EndReason | undefined;
}

export type SessionEvent =
  | { type: 'START' }
  | { type: 'ACTIVITY' }
  | { type: 'EXTEND' }
  /** `unsaved`: the journey holds answers not yet submitted, so a resident's END asks first. */
  | { type: 'END'; reason?: Exclude<EndReason, 'timeout'>; unsaved?: boolean }
  /** On the "end and lose your answers?" question. */
  | { type: 'CONFIRM_END' }
  | { type: 'STAY' }
  | { type: 'SET_LOCALE'; locale: Locale }
  | { type: 'TOGGLE_ELDER' }
  | { type: 'TOGGLE_VOICE' };

export interface SessionInput {
  locale?: Locale;
  elderMode?: boolean;
}

export const sessionMachine = setup({
  types: {} as { context: SessionContext; events: SessionEvent; input: SessionInput; children: { journey: 'journey'; wipe: 'wipe' } },
  actors: {
    /** The resident's journey. Stopped by every reset. */
    journey: browseMachine,
    /** Clear every trace of the resident (UI state, the daemon's session data). */
    wipe: hostRequest<void, { reason: EndReason }>('wipe'),
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
      entry: assign({ endReason: undefined }),
      // Only the start area begins a session; the language and elder toggles here must not.
      on: { START: 'inSession' },
    },
    inSession: {
      invoke: { id: 'journey', src: 'journey' },
      initial: 'active',
      on: {
        END: [
          // Only the resident's own 结束办理 asks; the idle timeout has its own warning, a reset or an error never waits.
          { guard: ({ event }) => event.unsaved === true && (event.reason ?? 'user') === 'user', target: '.confirmEnd' },
          { target: 'resetting', actions: assign({ endReason: ({ event }) => event.reason ?? 'user' }) },
        ],
      },
      states: {
        active: {
          after: { idleTimeout: 'warning' },
          // Re-entering restarts the idle timer.
          on: { ACTIVITY: { target: 'active', reenter: true } },
        },
        /** "End and lose what you entered?": staying keeps the journey exactly as it was; the idle timer still runs. */
        confirmEnd: {
          after: { idleTimeout: 'warning' },
          on: {
            CONFIRM_END: { target: '#session.resetting', actions: assign({ endReason: 'user' as EndReason }) },
            STAY: 'active',
            ACTIVITY: { target: 'confirmEnd', reenter: true },
            END: { guard: ({ event }) => (event.reason ?? 'user') === 'user', target: 'confirmEnd' },
          },
        },
        warning: {
          after: { warningTimeout: { target: '#session.resetting', actions: assign({ endReason: 'timeout' }) } },
          on: {
            EXTEND: { target: 'active', actions: assign({ extensions: ({ context }) => context.extensions + 1 }) },
          },
        },
      },
    },
    resetting: {
      entry: assign(({ context }) => ({ ...context.defaults, voice: false, extensions: 0 })),
      invoke: {
        id: 'wipe',
        src: 'wipe',
        input: ({ context }) => ({ reason: context.endReason ?? 'reset' }),
        onDone: 'attract',
        // A wipe the daemon could not confirm still ends the session: the UI side is cleared either way.
        onError: 'attract',
      },
    },
  },
});
