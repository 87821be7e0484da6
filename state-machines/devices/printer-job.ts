import { assign, setup } from 'xstate';

/**
 * One print job, from the queue to the printer's confirmation. Pure: the
 * driver performs the I/O in the injected actions and reports results as
 * events. Timers are named delays so the driver sets them per job (a long
 * raster job needs more time than a short receipt) and tests inject their own.
 *
 *   queued ─START→ checking ─READY→ sending ─SENT→ awaitingCompletion ─COMPLETED→ done
 *                     │                │                  │
 *                     └──── FAULT / OFFLINE / timeout ────┴──→ failed (code)
 *
 * A job is "done" only on COMPLETED: the reply to GS r 1, which the printer
 * sends after it has processed every preceding byte.
 */
export type PrintFailure = 'paperOut' | 'coverOpen' | 'cutterError' | 'offline' | 'timeout' | 'noDevice' | 'hardwareError';

export type PrintJobEvent =
  | { type: 'START' }
  /** The pre-job status check (DLE EOT) found the printer ready. */
  | { type: 'READY' }
  /** Every byte of the job has been handed to the transport. */
  | { type: 'SENT' }
  /** The GS r 1 reply arrived. */
  | { type: 'COMPLETED' }
  /** The printer reported a condition that stops printing (before or during the job). */
  | { type: 'FAULT'; code: Exclude<PrintFailure, 'offline' | 'timeout' | 'noDevice'> }
  /** The transport is gone (unplugged, socket closed) or was never there. */
  | { type: 'OFFLINE'; code?: 'offline' | 'noDevice' };

export interface PrintJobContext {
  jobId: string;
  code: PrintFailure | undefined;
}

export const printJobMachine = setup({
  types: {} as { context: PrintJobContext; events: PrintJobEvent; input: { jobId: string } },
  actions: {
    /** Query DLE EOT 1..4 (or read the ASB state) and answer READY or FAULT. */
    checkStatus: () => {},
    /** Write the job bytes and answer SENT (or FAULT / OFFLINE on the way). */
    sendJob: () => {},
    /** Stop sending and clear what the printer still holds (DLE ENQ 2), so nothing prints later by surprise. */
    abortJob: () => {},
  },
  delays: {
    checkTimeout: 3000,
    sendTimeout: 60_000,
    completionTimeout: 30_000,
  },
}).createMachine({
  id: 'printJob',
  context: ({ input }) => ({ jobId: input.jobId, code: undefined }),
  initial: 'queued',
  states: {
    queued: {
      on: {
        START: 'checking',
        OFFLINE: { target: 'failed', actions: assign({ code: ({ event }) => event.code ?? 'offline' }) },
      },
    },
    checking: {
      entry: 'checkStatus',
      after: { checkTimeout: { target: 'failed', actions: assign({ code: 'offline' }) } },
      on: {
        READY: 'sending',
        FAULT: { target: 'failed', actions: assign({ code: ({ event }) => event.code }) },
        OFFLINE: { target: 'failed', actions: assign({ code: ({ event }) => event.code ?? 'offline' }) },
      },
    },
    sending: {
      entry: 'sendJob',
      after: { sendTimeout: { target: 'failed', actions: [assign({ code: 'timeout' }), 'abortJob'] } },
      on: {
        SENT: 'awaitingCompletion',
        FAULT: { target: 'failed', actions: [assign({ code: ({ event }) => event.code }), 'abortJob'] },
        OFFLINE: { target: 'failed', actions: assign({ code: ({ event }) => event.code ?? 'offline' }) },
      },
    },
    awaitingCompletion: {
      after: { completionTimeout: { target: 'failed', actions: [assign({ code: 'timeout' }), 'abortJob'] } },
      on: {
        COMPLETED: 'done',
        FAULT: { target: 'failed', actions: [assign({ code: ({ event }) => event.code }), 'abortJob'] },
        OFFLINE: { target: 'failed', actions: assign({ code: ({ event }) => event.code ?? 'offline' }) },
      },
    },
    done: { type: 'final' },
    failed: { type: 'final' },
  },
});

export type PrintJobStateValue = 'queued' | 'checking' | 'sending' | 'awaitingCompletion' | 'done' | 'failed';
