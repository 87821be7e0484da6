import { assign, setup } from 'xstate';
import type { CardSummary } from '../../contract/api/card';

/**
 * 实名: identify the resident by ID card, then (when the journey will use
 * personal data) ask for consent. Pure: the reader is asked to read only in
 * `waiting` (injected `readCard`, answered by CARD_READ / READ_FAILED), the
 * daemon's card.present event arrives as CARD_PRESENT. An expired card is
 * refused and forgotten (injected `forgetCard`) so another card can be read.
 *
 * Face verification (人证比对) is an optional second factor: `faceRequired`
 * is false until a camera exists. Leaving while the reader waits is the
 * screen's business (it calls card.cancel when it goes away). Even then it never stands alone: a failed
 * face check offers staff help, and the card-only path stays available where
 * the site allows it (FACE_SKIP).
 */
export type ConsentPurpose = 'apply' | 'precheck' | 'queryPrint' | 'progress';

export interface IdentifyInput {
  /** null: this journey only reads the card (no consent screen). */
  consent: ConsentPurpose | null;
  /** A camera-based second factor is configured and required (never the only way). */
  faceRequired?: boolean;
}

/** Reader failures after which the journey offers what still works instead of retrying forever. */
export const READER_OFFLINE_CODES = ['noDevice', 'offline', 'transportLost', 'hardwareError', 'notSupported', 'samError'] as const;

export interface IdentifyContext {
  consent: ConsentPurpose | null;
  faceRequired: boolean;
  card: CardSummary | undefined;
  error: string | undefined;
  attempts: number;
  declined: boolean;
}

export type IdentifyEvent =
  | { type: 'CARD_PRESENT' }
  | { type: 'CARD_READ'; card: CardSummary }
  | { type: 'READ_FAILED'; code: string }
  | { type: 'RETRY' }
  | { type: 'ACCEPT' }
  | { type: 'DECLINE' }
  | { type: 'FACE_PASSED' }
  | { type: 'FACE_FAILED'; code: string }
  | { type: 'FACE_SKIP' };

export type IdentifyOutput = { outcome: 'identified'; card: CardSummary } | { outcome: 'declined' };

const offline = (code: string) => (READER_OFFLINE_CODES as readonly string[]).includes(code);

export const identifyMachine = setup({
  types: {} as { context: IdentifyContext; events: IdentifyEvent; input: IdentifyInput; output: IdentifyOutput },
  actions: {
    /** Injected: card.read; answers CARD_READ or READ_FAILED. */
    readCard: () => {},
    /** Injected: card.forget (after a refused card, so the next read is a new card). */
    forgetCard: () => {},
    /** Injected: start the face comparison; answers FACE_PASSED / FACE_FAILED. */
    verifyFace: () => {},
  },
  guards: {
    expired: ({ event }) => event.type === 'CARD_READ' && event.card.expired,
    readerOffline: ({ event }) => event.type === 'READ_FAILED' && offline(event.code),
    needsFace: ({ context }) => context.faceRequired,
    needsConsent: ({ context }) => context.consent !== null,
  },
}).createMachine({
  id: 'identify',
  context: ({ input }) => ({ consent: input.consent, faceRequired: input.faceRequired ?? false, card: undefined, error: undefined, attempts: 0, declined: false }),
  initial: 'waiting',
  states: {
    waiting: {
      entry: [assign({ attempts: ({ context }) => context.attempts + 1 }), 'readCard'],
      on: {
        CARD_PRESENT: 'reading',
        CARD_READ: [
          { guard: 'expired', target: 'expired', actions: assign({ card: ({ event }) => event.card }) },
          { target: 'read', actions: assign({ card: ({ event }) => event.card, error: undefined }) },
        ],
        READ_FAILED: [
          { guard: 'readerOffline', target: 'unavailable', actions: assign({ error: ({ event }) => event.code }) },
          { target: 'failed', actions: assign({ error: ({ event }) => event.code }) },
        ],
      },
    },
    /** A card is on the reader and being read: "do not move the card". */
    reading: {
      on: {
        CARD_READ: [
          { guard: 'expired', target: 'expired', actions: assign({ card: ({ event }) => event.card }) },
          { target: 'read', actions: assign({ card: ({ event }) => event.card, error: undefined }) },
        ],
        READ_FAILED: [
          { guard: 'readerOffline', target: 'unavailable', actions: assign({ error: ({ event }) => event.code }) },
          { target: 'failed', actions: assign({ error: ({ event }) => event.code }) },
        ],
      },
    },
    failed: { on: { RETRY: 'waiting' } },
    /** Refused with its end date; the record is dropped at once. */
    expired: {
      entry: 'forgetCard',
      on: { RETRY: { target: 'waiting', actions: assign({ card: undefined }) } },
    },
    /** The reader is away: the screen says identification is unavailable and offers what still works. */
    unavailable: { on: { RETRY: 'waiting' } },
    read: {
      always: [{ guard: 'needsFace', target: 'face' }, { guard: 'needsConsent', target: 'consent' }, { target: 'identified' }],
    },
    face: {
      entry: 'verifyFace',
      on: {
        FACE_PASSED: [{ guard: 'needsConsent', target: 'consent' }, { target: 'identified' }],
        FACE_FAILED: { target: 'faceFailed', actions: assign({ error: ({ event }) => event.code }) },
      },
    },
    faceFailed: {
      on: {
        RETRY: 'face',
        FACE_SKIP: [{ guard: 'needsConsent', target: 'consent' }, { target: 'identified' }],
      },
    },
    consent: {
      on: { ACCEPT: 'identified', DECLINE: { target: 'declined', actions: [assign({ declined: true }), 'forgetCard'] } },
    },
    identified: { type: 'final' },
    declined: { type: 'final' },
  },
  output: ({ context }) => (context.card && !context.card.expired && !context.declined ? { outcome: 'identified', card: context.card } : { outcome: 'declined' }),
});
