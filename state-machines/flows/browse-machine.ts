import { assign, setup } from 'xstate';
import { callStaffMachine } from './call-staff-machine';
import { progressMachine } from './progress-machine';
import { complaintMachine } from './complaint-machine';
import { evaluationMachine } from './evaluation-machine';
import { serviceMachine, type ServiceInput } from './service-machine';

/**
 * Finding a service: home → category or search → item guide, and printing
 * the item's one-time notice. Pure: printing is the injected `printNotice`
 * action, whose outcome comes back as NOTICE_PRINTED / NOTICE_FAILED events.
 * A print starts only on PRINT_NOTICE; navigating (BACK, HOME, re-opening the
 * item) never prints.
 */
export type Feature = 'progress' | 'evaluate' | 'complain' | 'callStaff';

export interface BrowseContext {
  categoryId: string | undefined;
  query: string;
  itemId: string | undefined;
  /** Where BACK from the item guide returns to. */
  itemFrom: 'home' | 'category' | 'search';
  feature: Feature | undefined;
  noticeError: string | undefined;
  noticesPrinted: number;
}

export type BrowseEvent =
  | { type: 'OPEN_CATEGORY'; categoryId: string }
  | { type: 'OPEN_SEARCH' }
  | { type: 'TYPE'; query: string }
  | { type: 'OPEN_ITEM'; itemId: string }
  /** `key`: a fresh idempotency key for whatever the feature submits (UI-generated UUID). */
  | { type: 'OPEN_FEATURE'; feature: Feature; key?: string }
  | { type: 'BACK' }
  | { type: 'HOME' }
  | { type: 'PRINT_NOTICE' }
  /** Start the item's terminal service (apply / precheck / queryPrint); the UI builds the input from the catalog item. */
  | { type: 'START_SERVICE'; input: ServiceInput }
  | { type: 'NOTICE_PRINTED' }
  | { type: 'NOTICE_FAILED'; code: string };

export const browseMachine = setup({
  types: {} as { context: BrowseContext; events: BrowseEvent },
  actions: {
    /** Injected: ask the daemon to print the item's notice, then send NOTICE_PRINTED or NOTICE_FAILED. */
    printNotice: (_, _params: { itemId: string }) => {},
  },
  // Sub-journeys, provided with their effects injected by the UI.
  actors: { callStaff: callStaffMachine, progress: progressMachine, complain: complaintMachine, evaluate: evaluationMachine, service: serviceMachine },
  guards: {
    isCallStaff: ({ event }) => event.type === 'OPEN_FEATURE' && event.feature === 'callStaff',
    isProgress: ({ event }) => event.type === 'OPEN_FEATURE' && event.feature === 'progress',
    isComplain: ({ event }) => event.type === 'OPEN_FEATURE' && event.feature === 'complain',
    isEvaluate: ({ event }) => event.type === 'OPEN_FEATURE' && event.feature === 'evaluate',
  },
}).createMachine({
  id: 'browse',
  context: { categoryId: undefined, query: '', itemId: undefined, itemFrom: 'home', feature: undefined, noticeError: undefined, noticesPrinted: 0 },
  initial: 'home',
  on: {
    HOME: { target: '.home', actions: assign({ query: '', categoryId: undefined, itemId: undefined }) },
  },
  states: {
    home: {
      on: {
        OPEN_CATEGORY: { target: 'category', actions: assign({ categoryId: ({ event }) => event.categoryId }) },
        OPEN_SEARCH: { target: 'search', actions: assign({ query: '' }) },
        OPEN_ITEM: { target: 'item', actions: assign({ itemId: ({ event }) => event.itemId, itemFrom: 'home' }) },
        OPEN_FEATURE: [
          { guard: 'isCallStaff', target: 'callStaff', actions: assign({ feature: 'callStaff' }) },
          { guard: 'isProgress', target: 'progress', actions: assign({ feature: 'progress' }) },
          { guard: 'isComplain', target: 'complain', actions: assign({ feature: 'complain' }) },
          { guard: 'isEvaluate', target: 'evaluate', actions: assign({ feature: 'evaluate' }) },
        ],
      },
    },
    category: {
      on: {
        OPEN_ITEM: { target: 'item', actions: assign({ itemId: ({ event }) => event.itemId, itemFrom: 'category' }) },
        BACK: 'home',
      },
    },
    search: {
      on: {
        TYPE: { actions: assign({ query: ({ event }) => event.query.slice(0, 40) }) },
        OPEN_ITEM: { target: 'item', actions: assign({ itemId: ({ event }) => event.itemId, itemFrom: 'search' }) },
        BACK: 'home',
      },
    },
    callStaff: {
      invoke: {
        id: 'flow',
        src: 'callStaff',
        input: ({ event }) => ({ idempotencyKey: event.type === 'OPEN_FEATURE' && event.key ? event.key : '' }),
      },
      on: { BACK: 'home' },
    },
    progress: {
      invoke: { id: 'flow', src: 'progress' },
      on: { BACK: 'home' },
    },
    complain: {
      invoke: { id: 'flow', src: 'complain', input: ({ event }) => ({ idempotencyKey: featureKey(event) }), onDone: 'home' },
      on: { BACK: 'home' },
    },
    evaluate: {
      invoke: { id: 'flow', src: 'evaluate', input: ({ event }) => ({ idempotencyKey: featureKey(event) }), onDone: 'home' },
      on: { BACK: 'home' },
    },
    /** The item's own service; BACK returns to the item's guide, finishing (or HOME) to home. A reset stops it with the session. */
    service: {
      invoke: {
        id: 'flow',
        src: 'service',
        input: ({ event }) => (event as Extract<BrowseEvent, { type: 'START_SERVICE' }>).input,
        onDone: { target: 'home', actions: assign({ itemId: undefined }) },
      },
      on: { BACK: 'item' },
    },
    item: {
      initial: 'reading',
      entry: assign({ noticeError: undefined }),
      on: {
        BACK: [
          { guard: ({ context }) => context.itemFrom === 'category', target: 'category' },
          { guard: ({ context }) => context.itemFrom === 'search', target: 'search' },
          { target: 'home' },
        ],
      },
      states: {
        reading: {
          on: { PRINT_NOTICE: 'printing', START_SERVICE: '#browse.service' },
        },
        printing: {
          entry: { type: 'printNotice', params: ({ context }) => ({ itemId: context.itemId! }) },
          on: {
            NOTICE_PRINTED: { target: 'printed', actions: assign({ noticesPrinted: ({ context }) => context.noticesPrinted + 1 }) },
            NOTICE_FAILED: { target: 'failed', actions: assign({ noticeError: ({ event }) => event.code }) },
            // Leaving while printing is allowed; the printer finishes the job, nothing is re-sent.
          },
        },
        printed: {
          // Another copy only on an explicit tap.
          on: { PRINT_NOTICE: 'printing', START_SERVICE: '#browse.service' },
        },
        failed: {
          on: { PRINT_NOTICE: 'printing', START_SERVICE: '#browse.service' },
        },
      },
    },
  },
});

function featureKey(event: BrowseEvent): string {
  return event.type === 'OPEN_FEATURE' && event.key ? event.key : '';
}
