import { assign, setup } from 'xstate';
import type { CardSummary } from '../../contract/api/card';
import type { ConsentPurpose, ConsentRecord } from '../../contract/api/consent';
import { codeOf, failureCode, hostRequest, hostStream } from '../host-effects';

/**
 * 实名: identify the resident by ID card, then (when the journey will use
 * personal data) ask for consent. The host's effects are invoked by the state
 * that needs them: the reader is asked to read (`readCard`, card.read) and
 * the daemon's card.present events are listened to (`cardPresence`) only
 * while `reader` waits, so leaving (Back, Home, a reset) stops the wait; an
 * expired or declined card is forgotten (`forgetCard`, card.forget) so
 * another card can be read. An accepted consent is recorded by the daemon
 * (`recordConsent`, consent.record: purpose, text version, time) before the
 * journey learns who the resident is: the daemon refuses a submission with
 * personal data without it, so the screen alone never stands for consent.
 *
 * Face verification (人证比对) is an optional second factor: `faceRequired`
 * is false until a camera exists. Even then it never stands alone: a failed
 * face check offers staff help, and the card-only path stays available where
 * the site allows it (FACE_SKIP).
 */
/** The purposes a journey identifies for (a complaint's call-back phone is consented to on its own screen). */
type CardPurpose = Exclude<ConsentPurpose, 'complaintCallback'>;

export interface IdentifyInput {
  /** null: this journey only reads the card (no consent screen). */
  consent: CardPurpose | null;
  /** A camera-based second factor is configured and required (never the only way). */
  faceRequired?: boolean;
}

/** Reader failures after which the journey offers what still works instead of retrying forever. */
const READER_OFFLINE_CODES = ['noDevice', 'offline', 'transportLost', 'hardwareError', 'notSupported', 'samError'] as const;

export interface IdentifyContext {
  consent: CardPurpose | null;
  faceRequired: boolean;
  card: CardSummary | undefined;
  error: string | undefined;
  attempts: number;
  declined: boolean;
}

export type IdentifyEvent =
  /** From the host's card presence stream: a card entered the reader field while it waits. */
  { type: 'CARD_PRESENT' } | { type: 'RETRY' } | { type: 'ACCEPT' } | { type: 'DECLINE' } | { type: 'FACE_SKIP' };

export type IdentifyOutput = { outcome: 'identified'; card: CardSummary } | { outcome: 'declined' };

/** The person the identification names, if it does. */
export const identifiedCard = (output: IdentifyOutput): CardSummary | undefined => (output.outcome === 'identified' ? output.card : undefined);

const offline = (code: string) => (READER_OFFLINE_CODES as readonly string[]).includes(code);

export const identifyMachine = setup({
  types: {} as { context: IdentifyContext; events: IdentifyEvent; input: IdentifyInput; output: IdentifyOutput },
  actors: {
    readCard: hostRequest<CardSummary>('readCard'),
    /** Sends CARD_PRESENT when a card enters the reader field. */
    cardPresence: hostStream(),
    forgetCard: hostRequest<void>('forgetCard'),
    verifyFace: hostRequest<void>('verifyFace'),
    recordConsent: hostRequest<ConsentRecord, { purpose: CardPurpose }>('recordConsent'),
  },
  guards: {
    needsFace: ({ context }) => context.faceRequired,
    needsConsent: ({ context }) => context.consent !== null,
  },
}).createMachine({
  id: 'identify',
  context: ({ input }) => ({ consent: input.consent, faceRequired: input.faceRequired ?? false, card: undefined, error: undefined, attempts: 0, declined: false }),
  initial: 'reader',
  states: {
    /** One card.read: "place your card" (waiting), then "do not move the card" (reading) once the card is in the field. */
    reader: {
      entry: assign({ attempts: ({ context }) => context.attempts + 1, card: undefined }),
      invoke: [
        {
          id: 'readCard',
          src: 'readCard',
          onDone: [
            { guard: ({ event }) => event.output.expired, target: 'expired', actions: assign({ card: ({ event }) => event.output }) },
            { target: 'read', actions: assign({ card: ({ event }) => event.output, error: undefined }) },
          ],
          onError: [
            { guard: ({ event }) => offline(codeOf(event.error)), target: 'unavailable', actions: assign({ error: failureCode }) },
            { target: 'failed', actions: assign({ error: failureCode }) },
          ],
        },
        { id: 'cardPresence', src: 'cardPresence' },
      ],
      initial: 'waiting',
      states: {
        waiting: { on: { CARD_PRESENT: 'reading' } },
        reading: {},
      },
    },
    failed: { on: { RETRY: 'reader' } },
    /** Refused with its end date; the record is dropped at once (a failed forget changes nothing the resident can do). */
    expired: {
      invoke: { id: 'forgetCard', src: 'forgetCard', onError: {} },
      on: { RETRY: 'reader' },
    },
    /** The reader is away: the screen says identification is unavailable and offers what still works. */
    unavailable: { on: { RETRY: 'reader' } },
    read: { always: [{ guard: 'needsFace', target: 'face' }, { target: 'verified' }] },
    face: {
      invoke: { id: 'verifyFace', src: 'verifyFace', onDone: 'verified', onError: { target: 'faceFailed', actions: assign({ error: failureCode }) } },
    },
    faceFailed: { on: { RETRY: 'face', FACE_SKIP: 'verified' } },
    verified: { always: [{ guard: 'needsConsent', target: 'consent' }, { target: 'identified' }] },
    consent: {
      on: { ACCEPT: 'recordingConsent', DECLINE: { target: 'declining', actions: assign({ declined: true }) } },
    },
    /** Agreed: the daemon records it first. Not recorded (offline …): the choice stays on screen with the reason, to try again or decline. */
    recordingConsent: {
      invoke: {
        id: 'recordConsent',
        src: 'recordConsent',
        input: ({ context }) => ({ purpose: context.consent! }),
        onDone: { target: 'identified', actions: assign({ error: undefined }) },
        onError: { target: 'consent', actions: assign({ error: failureCode }) },
      },
      on: { DECLINE: { target: 'declining', actions: assign({ declined: true }) } },
    },
    /** The card record goes before the journey learns of the refusal; a failed forget still ends the journey. */
    declining: {
      invoke: { id: 'forgetCard', src: 'forgetCard', onDone: 'declined', onError: 'declined' },
    },
    identified: { type: 'final' },
    declined: { type: 'final' },
  },
  output: ({ context }) => (context.card && !context.card.expired && !context.declined ? { outcome: 'identified', card: context.card } : { outcome: 'declined' }),
});
