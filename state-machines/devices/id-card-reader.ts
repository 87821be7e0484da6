import { assign, setup } from 'xstate';

/**
 * One ID-card reader, from a read request to the card leaving the field.
 * Pure: the host (the daemon's reader device) performs each SAM command in
 * the named entry actions and reports the outcome as an event; delays are
 * named so the host sets them from config and tests walk them as events.
 *
 *   idle ─READ→ read.polling ─FOUND→ read.selecting ─SELECTED→ read.reading ─READ_OK→ cardPresent
 *                   │  ↑ NOT_FOUND          │ SELECT_FAILED                                  │ GONE
 *                   ▼  │                    ▼                                                ▼
 *              read.pollWait ◄──────────────┘                                             removed → idle
 *
 *   read ─ readTimeout / READ_FAILED / SAM_ERROR / TRANSPORT_LOST / CANCEL / WIPE → failed → idle
 *
 * In cardPresent the host polls for the card (watching ⇄ checking) so it can
 * announce the removal; the record stays held until WIPE (session end), not
 * until removal: a resident may lift the card once it has been read.
 */
export type ReadFailure = 'noCard' | 'cardRemoved' | 'cardUnreadable' | 'samError' | 'transportLost' | 'timeout' | 'cancelled' | 'hardwareError';

export type IdCardReaderEvent =
  /** The UI asks for the card (card.read). */
  | { type: 'READ'; timeoutMs: number }
  | { type: 'CANCEL' }
  /** Session end: the host forgot the record. */
  | { type: 'WIPE' }
  /** find card (20 01) answered 9F / 80. */
  | { type: 'FOUND' }
  | { type: 'NOT_FOUND' }
  /** select card (20 02) answered 90 / 81. */
  | { type: 'SELECTED' }
  | { type: 'SELECT_FAILED' }
  /** read text + photo (30 01) decoded into a trusted record (held by the host). */
  | { type: 'READ_OK' }
  | { type: 'READ_FAILED'; code: Exclude<ReadFailure, 'noCard' | 'samError' | 'transportLost' | 'cancelled'> }
  /** The security module reported a fault (SW3 0x60, 0x66 …). */
  | { type: 'SAM_ERROR' }
  /** The serial/USB link is gone (unplugged). */
  | { type: 'TRANSPORT_LOST' }
  /** Presence check after a read: card still in the field / gone. */
  | { type: 'STILL_PRESENT' }
  | { type: 'GONE' };

export interface IdCardReaderContext {
  timeoutMs: number;
  /** A card was found during this read (so a deadline means timeout, not noCard). */
  cardSeen: boolean;
  error: ReadFailure | undefined;
  /** The host holds a record for the current session. */
  held: boolean;
}

export const idCardReaderMachine = setup({
  types: {} as { context: IdCardReaderContext; events: IdCardReaderEvent },
  actions: {
    /** Send find card (20 01); answer FOUND / NOT_FOUND. */
    sendFind: () => {},
    /** Send select card (20 02); answer SELECTED / SELECT_FAILED. */
    sendSelect: () => {},
    /** Read text + photo (+ appended address), decode, check; answer READ_OK / READ_FAILED. */
    sendRead: () => {},
    /** Ask whether the read card is still in the field; answer STILL_PRESENT / GONE. */
    sendPresenceCheck: () => {},
    /** A card entered the field (card.present). */
    announcePresent: () => {},
    /** The card left the field (card.removed). */
    announceRemoved: () => {},
    /** Complete the pending card.read with the new record. */
    resolveRead: () => {},
    /** Complete a card.read from the record already held for this session. */
    resolveHeld: () => {},
    /** Fail the pending card.read with context.error. */
    rejectRead: () => {},
    /** The reader started / stopped working on a request (device status busy / online). */
    markBusy: () => {},
    markIdle: () => {},
  },
  guards: {
    holdsRecord: ({ context }) => context.held,
    cardWasSeen: ({ context }) => context.cardSeen,
  },
  delays: {
    /** Deadline of one card.read, from the request. */
    readTimeout: ({ context }) => context.timeoutMs,
    /** Gap between two finds while waiting for a card (Routon 200 ms, hev 1 s). */
    pollInterval: 200,
    /** Gap between presence checks once a card has been read. */
    removalPoll: 300,
  },
}).createMachine({
  id: 'idCardReader',
  context: { timeoutMs: 30_000, cardSeen: false, error: undefined, held: false },
  initial: 'idle',
  states: {
    idle: {
      on: {
        READ: { target: 'read', actions: assign({ timeoutMs: ({ event }) => event.timeoutMs, cardSeen: false, error: undefined }) },
        WIPE: { actions: assign({ held: false }) },
      },
    },
    read: {
      entry: 'markBusy',
      exit: 'markIdle',
      initial: 'polling',
      after: {
        readTimeout: [
          { guard: 'cardWasSeen', target: 'failed', actions: assign({ error: 'timeout' as const }) },
          { target: 'failed', actions: assign({ error: 'noCard' as const }) },
        ],
      },
      on: {
        READ_FAILED: { target: 'failed', actions: assign({ error: ({ event }) => event.code }) },
        SAM_ERROR: { target: 'failed', actions: assign({ error: 'samError' as const }) },
        TRANSPORT_LOST: { target: 'failed', actions: assign({ error: 'transportLost' as const }) },
        CANCEL: { target: 'failed', actions: assign({ error: 'cancelled' as const }) },
        WIPE: { target: 'failed', actions: [assign({ error: 'cancelled' as const }), assign({ held: false })] },
      },
      states: {
        polling: {
          entry: 'sendFind',
          on: {
            FOUND: { target: 'selecting', actions: [assign({ cardSeen: true }), 'announcePresent'] },
            NOT_FOUND: 'pollWait',
          },
        },
        pollWait: { after: { pollInterval: 'polling' } },
        selecting: {
          entry: 'sendSelect',
          on: { SELECTED: 'reading', SELECT_FAILED: 'pollWait' },
        },
        reading: {
          entry: 'sendRead',
          on: { READ_OK: { target: '#idCardReader.cardPresent', actions: [assign({ held: true }), 'resolveRead'] } },
        },
      },
    },
    failed: {
      entry: 'rejectRead',
      always: 'idle',
    },
    cardPresent: {
      initial: 'watching',
      on: {
        READ: [
          { guard: 'holdsRecord', actions: 'resolveHeld' },
          // Record wiped (new session) while the used card still lies there: read it again once re-presented.
          { target: 'read', actions: assign({ timeoutMs: ({ event }) => event.timeoutMs, cardSeen: false, error: undefined }) },
        ],
        WIPE: { actions: assign({ held: false }) },
        SAM_ERROR: 'idle',
        TRANSPORT_LOST: 'idle',
      },
      states: {
        watching: { after: { removalPoll: 'checking' } },
        checking: {
          entry: 'sendPresenceCheck',
          on: { STILL_PRESENT: 'watching', GONE: '#idCardReader.removed' },
        },
      },
    },
    removed: {
      entry: 'announceRemoved',
      always: 'idle',
    },
  },
});
