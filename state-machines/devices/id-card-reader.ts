import { assign, emit, setup } from 'xstate';
import { hostRequest, hostStream } from '../host-effects';

/**
 * One ID-card reader, from a read request to the card leaving the field.
 * Pure: each SAM command the host (the daemon's reader device) performs is an
 * actor invoked by the state that needs it, and its answer drives the next
 * step; leaving the state (cancel, wipe, deadline, unplug) stops it, so a
 * late reply goes nowhere. Delays are named so the host sets them from config
 * and tests walk them as events.
 *
 *   idle ─READ→ read.polling ─found→ read.selecting ─selected→ read.reading ─read✓→ cardPresent
 *                   │  ↑   ↑                  │ not selected (find again at once)           │ GONE
 *       not found,  ▼  │   └──────────────────┘                                             ▼
 *       none seen  read.pollWait (pollInterval)                                     removed → idle
 *
 *   read ─ readTimeout / command✗(code) / TRANSPORT_LOST / CANCEL / WIPE → failed → idle
 *   read.polling ─not found, after a card was seen→ failed (cardRemoved)
 *
 * A select the module refuses (81) means the card left between the find and
 * the select, or the field lost it for a moment: a find at once tells which.
 * Once a card was seen, a find that no longer sees it ends the read with
 * cardRemoved — the resident lifted it — rather than polling on to the
 * deadline; the retry the UI offers starts a fresh read.
 *
 * In cardPresent the host watches for the card leaving (`watchRemoval`) so
 * the removal can be announced; the record stays held until WIPE (session
 * end), not until removal: a resident may lift the card once it has been read.
 *
 * In idle the host keeps learning whether a card lies in the field
 * (`watchPresence`, a slow poll it reports as the reader's media state):
 * a card left across a daemon restart or a reconnect is known before anyone
 * reads it. Being invoked by idle, it stops the moment a read starts, so it
 * never competes with one; it changes no state here and announces nothing.
 *
 * What the host must hear (a card came or went, a card.read ends, the reader
 * is busy or free) is emitted (`actor.on(type, …)`): notifications the host
 * acts on and never answers, so they are not actors.
 */
export type ReadFailure = 'noCard' | 'cardRemoved' | 'cardUnreadable' | 'samError' | 'transportLost' | 'timeout' | 'cancelled' | 'hardwareError';

const READ_FAILURES: readonly ReadFailure[] = ['noCard', 'cardRemoved', 'cardUnreadable', 'samError', 'transportLost', 'timeout', 'cancelled', 'hardwareError'];

/** The code a failed reader command rejects with; anything else (a driver bug) is hardwareError. */
function readFailureOf(error: unknown): ReadFailure {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return READ_FAILURES.find((f) => f === code) ?? 'hardwareError';
}

export type IdCardReaderEvent =
  /** The UI asks for the card (card.read). */
  | { type: 'READ'; timeoutMs: number }
  | { type: 'CANCEL' }
  /** Session end: the host forgot the record. */
  | { type: 'WIPE' }
  /** The serial/USB link is gone (unplugged). */
  | { type: 'TRANSPORT_LOST' }
  /** From the removal watch: the read card left the field. */
  | { type: 'GONE' }
  /** From the removal watch: the security module reported a fault. */
  | { type: 'SAM_ERROR' };

/** What the reader tells its host. */
export type IdCardReaderEmitted =
  /** The reader started / stopped working on a card.read (device status busy / online). */
  | { type: 'busy' }
  | { type: 'idle' }
  /** A card entered the field during a read (card.present). */
  | { type: 'cardPresent' }
  /** The read card left the field (card.removed). */
  | { type: 'cardRemoved' }
  /** The pending card.read ends with the record the host just read. */
  | { type: 'readDone' }
  /** The pending card.read ends with the record already held for this session. */
  | { type: 'readFromHeld' }
  /** The pending card.read ends without a card. */
  | { type: 'readFailed'; code: ReadFailure };

export interface IdCardReaderContext {
  timeoutMs: number;
  /** A card was found during this read (so a deadline means timeout, not noCard). */
  cardSeen: boolean;
  error: ReadFailure | undefined;
  /** The host holds a record for the current session. */
  held: boolean;
}

const commandFailed = ({ event }: { event: { error: unknown } }) => readFailureOf(event.error);

export const idCardReaderMachine = setup({
  types: {} as { context: IdCardReaderContext; events: IdCardReaderEvent; emitted: IdCardReaderEmitted },
  actors: {
    /** find card (20 01): 9F → found, 80 → not found; rejects with a ReadFailure code (samError, transportLost …). */
    findCard: hostRequest<{ found: boolean }>('findCard'),
    /** select card (20 02): 90 → selected, 81 → not (the card left before it answered, or the field lost it for a moment). */
    selectCard: hostRequest<{ selected: boolean }>('selectCard'),
    /** Read text + photo (+ appended address), decode and check; resolves once the host holds a trusted record. */
    readCard: hostRequest<void>('readCard'),
    /** Polls whether the read card is still in the field; sends GONE once it left (SAM_ERROR, TRANSPORT_LOST when the reader fails). */
    watchRemoval: hostStream(),
    /** Polls, while no read runs, whether a card lies in the field; the host reports it (device media), the machine is not told. */
    watchPresence: hostStream(),
  },
  actions: {
    startRead: assign({ timeoutMs: ({ event }) => (event.type === 'READ' ? event.timeoutMs : 30_000), cardSeen: false, error: undefined }),
    forgetRecord: assign({ held: false }),
    markBusy: emit({ type: 'busy' }),
    markIdle: emit({ type: 'idle' }),
    announcePresent: emit({ type: 'cardPresent' }),
    announceRemoved: emit({ type: 'cardRemoved' }),
    announceRead: emit({ type: 'readDone' }),
    answerFromHeld: emit({ type: 'readFromHeld' }),
    announceFailure: emit(({ context }) => ({ type: 'readFailed' as const, code: context.error ?? 'cancelled' })),
  },
  guards: {
    holdsRecord: ({ context }) => context.held,
    cardWasSeen: ({ context }) => context.cardSeen,
    /** The host polls without a gap (pollInterval 0): the next find at once, without a timer's turn in between. */
    backToBack: () => false,
  },
  delays: {
    /** Deadline of one card.read, from the request. */
    readTimeout: ({ context }) => context.timeoutMs,
    /**
     * Gap between two finds while waiting for a card; the host sets it from config. Shipped as 0: back to back,
     * paced by the module's own find time, because a gap is time the card lies there unread (Routon waits 200 ms, hev 1 s).
     */
    pollInterval: 200,
  },
}).createMachine({
  id: 'idCardReader',
  context: { timeoutMs: 30_000, cardSeen: false, error: undefined, held: false },
  initial: 'idle',
  states: {
    idle: {
      invoke: { id: 'watchPresence', src: 'watchPresence' },
      on: { READ: { target: 'read', actions: 'startRead' }, WIPE: { actions: 'forgetRecord' } },
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
        TRANSPORT_LOST: { target: 'failed', actions: assign({ error: 'transportLost' as const }) },
        CANCEL: { target: 'failed', actions: assign({ error: 'cancelled' as const }) },
        WIPE: { target: 'failed', actions: [assign({ error: 'cancelled' as const }), 'forgetRecord'] },
      },
      states: {
        polling: {
          invoke: {
            id: 'findCard',
            src: 'findCard',
            onDone: [
              { guard: ({ event }) => event.output.found, target: 'selecting', actions: [assign({ cardSeen: true }), 'announcePresent'] },
              { guard: 'cardWasSeen', target: '#idCardReader.failed', actions: assign({ error: 'cardRemoved' as const }) },
              { guard: 'backToBack', target: 'polling', reenter: true },
              { target: 'pollWait' },
            ],
            onError: { target: '#idCardReader.failed', actions: assign({ error: commandFailed }) },
          },
        },
        pollWait: { after: { pollInterval: 'polling' } },
        selecting: {
          invoke: {
            id: 'selectCard',
            src: 'selectCard',
            onDone: [{ guard: ({ event }) => event.output.selected, target: 'reading' }, { target: 'polling' }],
            onError: { target: '#idCardReader.failed', actions: assign({ error: commandFailed }) },
          },
        },
        reading: {
          invoke: {
            id: 'readCard',
            src: 'readCard',
            onDone: { target: '#idCardReader.cardPresent', actions: [assign({ held: true }), 'announceRead'] },
            onError: { target: '#idCardReader.failed', actions: assign({ error: commandFailed }) },
          },
        },
      },
    },
    failed: {
      entry: 'announceFailure',
      always: 'idle',
    },
    cardPresent: {
      invoke: { id: 'watchRemoval', src: 'watchRemoval' },
      on: {
        READ: [
          { guard: 'holdsRecord', actions: 'answerFromHeld' },
          // Record wiped (new session) while the used card still lies there: read it again once re-presented.
          { target: 'read', actions: 'startRead' },
        ],
        WIPE: { actions: 'forgetRecord' },
        GONE: 'removed',
        SAM_ERROR: 'idle',
        TRANSPORT_LOST: 'idle',
      },
    },
    removed: {
      entry: 'announceRemoved',
      always: 'idle',
    },
  },
});
