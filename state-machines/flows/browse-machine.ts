import { assign, fromPromise, setup } from 'xstate';
import { failureCode, hostRequest } from '../host-effects';
import { callStaffMachine } from './call-staff-machine';
import type { progressMachine } from './progress-machine';
import type { complaintMachine } from './complaint-machine';
import type { evaluationMachine } from './evaluation-machine';
import type { serviceMachine, ServiceInput } from './service-machine';

/**
 * A child flow the host provides: the page loads these flows' code after its
 * first paint (kiosk-ui/src/flows/browse.ts), so the journey does not import it.
 * Typed as the flow; invoked without being provided, it fails.
 */
const hostProvided = <T>(flow: string): T => fromPromise<never>(() => Promise.reject(new Error(`the ${flow} flow was not provided`))) as unknown as T;

/**
 * Finding a service: home → category or search → item guide, and printing
 * the item's one-time notice (`printNotice`, the host's catalog.notice +
 * printer.print, invoked while `item.printing`). A print starts only on
 * PRINT_NOTICE; navigating (BACK, HOME, re-opening the item) never prints,
 * and leaving while it prints lets the printer finish without a resend.
 * Every feature and the item's service run as a child named after it.
 */
const FEATURES = ['callStaff', 'progress', 'complain', 'evaluate'] as const;
type Feature = (typeof FEATURES)[number];

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
  /** `key`: a fresh idempotency key for whatever the feature submits, `ratingKey` one for its 好差评 (UI-generated UUIDs). */
  | { type: 'OPEN_FEATURE'; feature: Feature; key?: string; ratingKey?: string }
  | { type: 'BACK' }
  | { type: 'HOME' }
  | { type: 'PRINT_NOTICE' }
  /** Start the item's terminal service (apply / precheck / queryPrint); the UI builds the input from the catalog item. */
  | { type: 'START_SERVICE'; input: ServiceInput };

const featureKey = (event: BrowseEvent): string => (event.type === 'OPEN_FEATURE' && event.key ? event.key : '');
const ratingKey = (event: BrowseEvent): string => (event.type === 'OPEN_FEATURE' && event.ratingKey ? event.ratingKey : '');

export const browseMachine = setup({
  types: {} as {
    context: BrowseContext;
    events: BrowseEvent;
    children: { callStaff: 'callStaff'; progress: 'progress'; complain: 'complain'; evaluate: 'evaluate'; service: 'service'; printNotice: 'printNotice' };
  },
  actors: {
    printNotice: hostRequest<void, { itemId: string }>('printNotice'),
    callStaff: callStaffMachine,
    progress: hostProvided<typeof progressMachine>('progress'),
    complain: hostProvided<typeof complaintMachine>('complaint'),
    evaluate: hostProvided<typeof evaluationMachine>('evaluation'),
    service: hostProvided<typeof serviceMachine>('service'),
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
        // Each feature's state is named after it.
        OPEN_FEATURE: FEATURES.map((feature) => ({
          guard: ({ event }: { event: BrowseEvent }) => event.type === 'OPEN_FEATURE' && event.feature === feature,
          target: feature,
          actions: assign({ feature }),
        })),
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
      invoke: { id: 'callStaff', src: 'callStaff', input: ({ event }) => ({ idempotencyKey: featureKey(event) }) },
      on: { BACK: 'home' },
    },
    progress: {
      invoke: { id: 'progress', src: 'progress', input: ({ event }) => ({ ratingKey: ratingKey(event) }), onDone: 'home' },
      on: { BACK: 'home' },
    },
    complain: {
      invoke: { id: 'complain', src: 'complain', input: ({ event }) => ({ idempotencyKey: featureKey(event), ratingKey: ratingKey(event) }), onDone: 'home' },
      on: { BACK: 'home' },
    },
    evaluate: {
      invoke: { id: 'evaluate', src: 'evaluate', input: ({ event }) => ({ idempotencyKey: featureKey(event) }), onDone: 'home' },
      on: { BACK: 'home' },
    },
    /** The item's own service; it ends back at the item's guide or at home (its output says which). A reset stops it with the session. */
    service: {
      invoke: {
        id: 'service',
        src: 'service',
        input: ({ event }) => (event as Extract<BrowseEvent, { type: 'START_SERVICE' }>).input,
        // A step back out of the service returns to its guide; finishing or leaving for home goes home.
        onDone: [
          { guard: ({ event }) => event.output.to === 'guide', target: 'item' },
          { target: 'home', actions: assign({ itemId: undefined }) },
        ],
      },
      on: { BACK: 'item' },
    },
    item: {
      initial: 'reading',
      entry: assign({ noticeError: undefined }),
      on: {
        START_SERVICE: '#browse.service',
        BACK: [{ guard: ({ context }) => context.itemFrom === 'category', target: 'category' }, { guard: ({ context }) => context.itemFrom === 'search', target: 'search' }, { target: 'home' }],
      },
      states: {
        reading: { on: { PRINT_NOTICE: 'printing' } },
        printing: {
          invoke: {
            id: 'printNotice',
            src: 'printNotice',
            input: ({ context }) => ({ itemId: context.itemId! }),
            onDone: { target: 'printed', actions: assign({ noticesPrinted: ({ context }) => context.noticesPrinted + 1 }) },
            onError: { target: 'failed', actions: assign({ noticeError: failureCode }) },
          },
        },
        // Another copy only on an explicit tap.
        printed: { on: { PRINT_NOTICE: 'printing' } },
        failed: { on: { PRINT_NOTICE: 'printing' } },
      },
    },
  },
});
