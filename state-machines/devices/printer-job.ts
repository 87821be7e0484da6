import { assign, setup, type EventObject, type StateValue } from 'xstate';
import { hostRequest, hostStream } from '../host-effects';

/**
 * One print job, from the queue to the printer's confirmation. Pure: each
 * step the driver performs is an actor invoked by the state that needs it
 * (the status check, each chunk of the job, the status check between chunks,
 * the wait for the printer's confirmation, clearing its buffer after a
 * failure); leaving the state stops it, so nothing is written after a job has
 * failed. What the printer reports meanwhile (a fault pushed by ASB, the link
 * gone) arrives as events. Timers are named delays so the driver sets them
 * per job (a long raster job needs more time than a short receipt) and tests
 * walk them as events.
 *
 *   queued ─START→ checking ─ready→ sending: writing ⇄ between ─last chunk→ awaitingCompletion ─GS r→ done
 *                     │                  │ (status between chunks)                   │
 *                     │                  └── fault / timeout ──→ aborting (DLE ENQ 2) ──┴──→ failed (code)
 *                     └── fault / link gone / timeout ─────────────────────────────────────→ failed (code)
 *
 * A job is "done" only when the GS r 1 at its end is answered: the printer
 * sends that reply after it has processed every preceding byte.
 */
export type PrintFailure = 'paperOut' | 'coverOpen' | 'cutterError' | 'offline' | 'timeout' | 'noDevice' | 'hardwareError';

const PRINT_FAILURES: readonly PrintFailure[] = ['paperOut', 'coverOpen', 'cutterError', 'offline', 'timeout', 'noDevice', 'hardwareError'];

/** The code a failed job step rejects with; anything else (a driver bug) is hardwareError. */
export function printFailureOf(error: unknown): PrintFailure {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return PRINT_FAILURES.find((f) => f === code) ?? 'hardwareError';
}

/** The link is gone or was never there: nothing is left in the printer to clear. */
const linkGone = (code: PrintFailure) => code === 'offline' || code === 'noDevice';

export type PrintJobEvent =
  | { type: 'START' }
  /** The printer reported a condition that stops printing (ASB push, a status read, the watch while it prints). */
  | { type: 'FAULT'; code: Exclude<PrintFailure, 'offline' | 'timeout' | 'noDevice'> }
  /** The transport is gone (unplugged, socket closed) or was never there. */
  | { type: 'OFFLINE'; code?: 'offline' | 'noDevice' };

/** Which chunk of the job to write; the last one ends with GS r 1, whose reply confirms the job. */
export interface ChunkInput {
  index: number;
  last: boolean;
}

export interface PrintJobInput {
  jobId: string;
  /** The job's bytes come in this many chunks, cut at command boundaries. */
  chunks: number;
}

export interface PrintJobContext {
  jobId: string;
  chunks: number;
  /** Chunks written so far. */
  sent: number;
  code: PrintFailure | undefined;
}

export type PrintJobStateValue = 'queued' | 'checking' | 'sending' | 'awaitingCompletion' | 'done' | 'failed';

/** The job state the queue and the API see: a job has failed from the moment it stopped, while its leftover is still being cleared. */
export function jobStateOf(value: StateValue): PrintJobStateValue {
  const top = typeof value === 'string' ? value : Object.keys(value)[0];
  return (top === 'aborting' ? 'failed' : top) as PrintJobStateValue;
}

/** The code a failure carries: the printer's (FAULT), the link's (OFFLINE), or a job step's rejection. */
function failureCode(event: EventObject & { code?: PrintFailure; error?: unknown }): PrintFailure {
  if (event.code) return event.code;
  return event.type === 'OFFLINE' ? 'offline' : printFailureOf(event.error);
}

/** A step that failed part-way through the job: clear the printer's buffer, unless the link itself is gone. */
const stepFailed = [
  { guard: 'linkGone', target: '#printJob.failed', actions: 'noteFailure' },
  { target: '#printJob.aborting', actions: 'noteFailure' },
] as const;

export const printJobMachine = setup({
  types: {} as { context: PrintJobContext; events: PrintJobEvent; input: PrintJobInput },
  actors: {
    /** DLE EOT 1..4 (or the ASB state): resolves when the printer can print, rejects with the code of what stops it. */
    checkStatus: hostRequest<void>('checkStatus'),
    /** Hand one chunk of the job to the transport; rejects with offline when the link fails. */
    writeChunk: hostRequest<void, ChunkInput>('writeChunk'),
    /** Between two chunks: has the printer stopped (paper out, cover open, cutter)? Rejects with the code if so. */
    checkPrinting: hostRequest<void>('checkPrinting'),
    /** Resolves when the GS r 1 reply at the end of the job arrives (it may already have, during the last write). */
    awaitCompletion: hostRequest<void>('awaitCompletion'),
    /** While the last bytes print: sends FAULT / OFFLINE when the printer stops (a GS r 1 would then never be answered). */
    watchStatus: hostStream(),
    /** Clear what the printer still holds (DLE ENQ 2), so the rest of a failed job does not print later by surprise. */
    abortJob: hostRequest<void>('abortJob'),
  },
  actions: {
    noteFailure: assign({ code: ({ event }) => failureCode(event) }),
    countChunk: assign({ sent: ({ context }) => context.sent + 1 }),
  },
  guards: {
    linkGone: ({ event }) => linkGone(failureCode(event)),
    lastChunk: ({ context }) => context.sent + 1 >= context.chunks,
  },
  delays: {
    checkTimeout: 3000,
    sendTimeout: 60_000,
    completionTimeout: 30_000,
  },
}).createMachine({
  id: 'printJob',
  context: ({ input }) => ({ jobId: input.jobId, chunks: input.chunks, sent: 0, code: undefined }),
  initial: 'queued',
  states: {
    queued: {
      on: { START: 'checking', OFFLINE: { target: 'failed', actions: 'noteFailure' } },
    },
    // Nothing has been sent yet: any failure ends the job without clearing anything.
    checking: {
      invoke: { id: 'checkStatus', src: 'checkStatus', onDone: 'sending', onError: { target: 'failed', actions: 'noteFailure' } },
      after: { checkTimeout: { target: 'failed', actions: assign({ code: 'offline' }) } },
      on: { FAULT: { target: 'failed', actions: 'noteFailure' }, OFFLINE: { target: 'failed', actions: 'noteFailure' } },
    },
    sending: {
      initial: 'writing',
      after: { sendTimeout: { target: 'aborting', actions: assign({ code: 'timeout' }) } },
      on: { FAULT: { target: 'aborting', actions: 'noteFailure' }, OFFLINE: { target: 'failed', actions: 'noteFailure' } },
      states: {
        writing: {
          invoke: {
            id: 'writeChunk',
            src: 'writeChunk',
            input: ({ context }) => ({ index: context.sent, last: context.sent + 1 >= context.chunks }),
            onDone: [
              { guard: 'lastChunk', target: '#printJob.awaitingCompletion', actions: 'countChunk' },
              { target: 'between', actions: 'countChunk' },
            ],
            onError: stepFailed,
          },
        },
        between: {
          invoke: { id: 'checkPrinting', src: 'checkPrinting', onDone: 'writing', onError: stepFailed },
        },
      },
    },
    awaitingCompletion: {
      invoke: [
        { id: 'awaitCompletion', src: 'awaitCompletion', onDone: 'done', onError: stepFailed },
        { id: 'watchStatus', src: 'watchStatus' },
      ],
      after: { completionTimeout: { target: 'aborting', actions: assign({ code: 'timeout' }) } },
      on: { FAULT: { target: 'aborting', actions: 'noteFailure' }, OFFLINE: { target: 'failed', actions: 'noteFailure' } },
    },
    // Already failed (the queue hears so at once); the next job waits until the buffer is cleared. A clear that fails changes nothing.
    aborting: {
      invoke: { id: 'abortJob', src: 'abortJob', onDone: 'failed', onError: 'failed' },
    },
    done: { type: 'final' },
    failed: { type: 'final' },
  },
});
