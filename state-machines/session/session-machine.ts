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
 * The card in the reader is the daemon's to know (its card state reaches the
 * page as CARD_STATE): once a card was read in this session the journey no
 * longer needs it, so while it still lies there the screen reminds the
 * resident to take it (`cardReminderDue`), through the session's end and at
 * attract, until the reader reports it gone. A resident's 结束办理 with the
 * card still there asks first; the next resident's START with a card left
 * there starts only once it is gone or they say it is theirs.
 *
 * A card read showing the holder is 60 or older offers elder mode once per
 * session (accept or no thanks), never switching it on by itself.
 *
 * WCAG 2.2.1: the warning lasts ≥ 20 s (config enforces it) and can be
 * extended at least 10 times; we allow unlimited extensions but count them.
 */
type Locale = 'zh-CN' | 'en';
export type EndReason = 'timeout' | 'user' | 'reset' | 'error';
/** Elder mode is offered at most once per session: not yet, on screen now, or answered (or made moot by the toggle). */
export type ElderOffer = 'notYet' | 'open' | 'made';

/** Age from which a card read offers elder mode (老年人: 60 周岁以上). */
const ELDER_OFFER_AGE = 60;

export interface SessionContext {
  locale: Locale;
  elderMode: boolean;
  voice: boolean;
  /** Defaults restored at every reset (from config). */
  defaults: { locale: Locale; elderMode: boolean };
  extensions: number;
  endReason: EndReason | undefined;
  /** The reader reports a card lying on it (the daemon's card state). */
  cardInReader: boolean;
  /** A card was read in this session: the journey has what it needs and the card may go. */
  cardRead: boolean;
  elderOffer: ElderOffer;
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
  | { type: 'TOGGLE_VOICE' }
  /** The reader's card state changed (or was learnt again after a reconnect). */
  | { type: 'CARD_STATE'; present: boolean }
  /** A journey read a card; `age` in whole years when the card is usable. */
  | { type: 'CARD_READ'; age?: number }
  | { type: 'ELDER_ACCEPT' }
  | { type: 'ELDER_DECLINE' }
  /** "The card in the reader is mine": the next resident starts with it there. */
  | { type: 'CONFIRM_CARD' };

export interface SessionInput {
  locale?: Locale;
  elderMode?: boolean;
}

/** This session read a card that still lies in the reader. */
const cardLeftBehind = (c: Pick<SessionContext, 'cardInReader' | 'cardRead'>) => c.cardInReader && c.cardRead;

/**
 * The take-your-card reminder is due: a card this session read still lies
 * there, or any card lies there outside a session (left by the last resident,
 * or found there after a restart). Asking the next resident whose card it is
 * (`cardLeft`) is its own screen.
 */
export function cardReminderDue(snap: { context: SessionContext; matches(v: 'inSession' | 'cardLeft'): boolean }): boolean {
  if (snap.matches('cardLeft')) return false;
  return snap.matches('inSession') ? cardLeftBehind(snap.context) : snap.context.cardInReader;
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
    return { ...defaults, voice: false, defaults, extensions: 0, endReason: undefined, cardInReader: false, cardRead: false, elderOffer: 'notYet' as ElderOffer };
  },
  initial: 'attract',
  on: {
    SET_LOCALE: { actions: assign({ locale: ({ event }) => event.locale }) },
    // A resident who sets elder mode themselves has answered the offer.
    TOGGLE_ELDER: { actions: assign({ elderMode: ({ context }) => !context.elderMode, elderOffer: ({ context }) => (context.elderOffer === 'open' ? 'made' : context.elderOffer) }) },
    CARD_STATE: { actions: assign({ cardInReader: ({ event }) => event.present }) },
    TOGGLE_VOICE: { actions: assign({ voice: ({ context }) => !context.voice }) },
  },
  states: {
    attract: {
      entry: assign({ endReason: undefined }),
      // Only the start area begins a session; the language and elder toggles here must not.
      on: { START: [{ guard: ({ context }) => context.cardInReader, target: 'cardLeft' }, { target: 'inSession' }] },
    },
    /** Someone's card still lies in the reader: the next resident starts once it is gone or once they say it is theirs. */
    cardLeft: {
      after: { idleTimeout: 'attract' },
      on: {
        CARD_STATE: [{ guard: ({ event }) => !event.present, target: 'inSession', actions: assign({ cardInReader: false }) }, { actions: assign({ cardInReader: true }) }],
        CONFIRM_CARD: 'inSession',
        STAY: 'attract',
      },
    },
    inSession: {
      invoke: { id: 'journey', src: 'journey' },
      initial: 'active',
      on: {
        END: [
          // Only the resident's own 结束办理 asks; the idle timeout has its own warning, a reset or an error never waits.
          { guard: ({ event }) => event.unsaved === true && (event.reason ?? 'user') === 'user', target: '.confirmEnd' },
          { guard: ({ context, event }) => (event.reason ?? 'user') === 'user' && cardLeftBehind(context), target: '.takeCardFirst' },
          { target: 'resetting', actions: assign({ endReason: ({ event }) => event.reason ?? 'user' }) },
        ],
        CARD_READ: {
          actions: assign({
            cardRead: true,
            elderOffer: ({ context, event }) => (context.elderOffer === 'notYet' && !context.elderMode && (event.age ?? 0) >= ELDER_OFFER_AGE ? 'open' : context.elderOffer),
          }),
        },
        ELDER_ACCEPT: { guard: ({ context }) => context.elderOffer === 'open', actions: assign({ elderMode: true, elderOffer: 'made' as ElderOffer }) },
        ELDER_DECLINE: { guard: ({ context }) => context.elderOffer === 'open', actions: assign({ elderOffer: 'made' as ElderOffer }) },
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
        /** 结束办理 with the read card still in the reader: "take your card" first; it leaving ends the session. */
        takeCardFirst: {
          after: { idleTimeout: 'warning' },
          on: {
            CARD_STATE: [
              { guard: ({ event }) => !event.present, target: '#session.resetting', actions: assign({ cardInReader: false, endReason: 'user' as EndReason }) },
              { actions: assign({ cardInReader: true }) },
            ],
            CONFIRM_END: { target: '#session.resetting', actions: assign({ endReason: 'user' as EndReason }) },
            STAY: 'active',
            ACTIVITY: { target: 'takeCardFirst', reenter: true },
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
      // The card state is the reader's, not the session's: it survives the reset (the reminder goes on at attract).
      entry: assign(({ context }) => ({ ...context.defaults, voice: false, extensions: 0, cardRead: false, elderOffer: 'notYet' as ElderOffer })),
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
