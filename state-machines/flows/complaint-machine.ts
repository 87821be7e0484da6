import { assign, setup } from 'xstate';

/**
 * 有诉即办: what went wrong (a category, then short statements — nobody types
 * Chinese on a kiosk), an optional related case and call-back phone, a check
 * screen, then the complaint goes through the outbox and its receipt prints.
 * Pure: `submit` / `printReceipt` are injected and answer with events; a
 * retry re-sends with the same idempotency key, so one complaint is one case.
 */
export interface ComplaintInput {
  idempotencyKey: string;
}

export type ComplaintStep = 'category' | 'statements' | 'details' | 'check';

export interface ComplaintContext {
  idempotencyKey: string;
  category: string | undefined;
  statements: string[];
  relatedCaseNo: string;
  callbackPhone: string;
  returnToCheck: boolean;
  caseNo: string | undefined;
  promisedDate: string | null;
  error: string | undefined;
  printError: string | undefined;
  /** Set when NEXT was refused on the details screen (incomplete phone). */
  invalid: boolean;
}

export type ComplaintEvent =
  | { type: 'CHOOSE_CATEGORY'; category: string }
  | { type: 'TOGGLE_STATEMENT'; id: string }
  | { type: 'TYPE_CASE'; caseNo: string }
  | { type: 'TYPE_PHONE'; phone: string }
  | { type: 'NEXT' }
  | { type: 'PREV' }
  | { type: 'CHANGE'; step: Exclude<ComplaintStep, 'check'> }
  | { type: 'SUBMIT' }
  | { type: 'SUBMITTED'; caseNo: string; promisedDate: string | null }
  | { type: 'SUBMIT_FAILED'; code: string }
  | { type: 'RETRY' }
  | { type: 'PRINTED' }
  | { type: 'PRINT_FAILED'; code: string }
  | { type: 'PRINT' }
  | { type: 'FINISH' };

export interface ComplaintSubmit {
  idempotencyKey: string;
  category: string;
  statements: string[];
  relatedCaseNo: string | undefined;
  callbackPhone: string | undefined;
}

const PHONE = /^1[3-9]\d{9}$/;
const phoneOk = (p: string) => p === '' || PHONE.test(p);

export const complaintMachine = setup({
  types: {} as { context: ComplaintContext; events: ComplaintEvent; input: ComplaintInput },
  actions: {
    submit: (_, _params: ComplaintSubmit) => {},
    printReceipt: (_, _params: { caseNo: string }) => {},
  },
  guards: {
    hasStatement: ({ context }) => context.statements.length > 0,
    detailsOk: ({ context }) => phoneOk(context.callbackPhone),
    returnToCheck: ({ context }) => context.returnToCheck,
  },
}).createMachine({
  id: 'complaint',
  context: ({ input }) => ({
    idempotencyKey: input.idempotencyKey,
    category: undefined,
    statements: [],
    relatedCaseNo: '',
    callbackPhone: '',
    returnToCheck: false,
    caseNo: undefined,
    promisedDate: null,
    error: undefined,
    printError: undefined,
    invalid: false,
  }),
  initial: 'category',
  states: {
    category: {
      on: {
        // Statements belong to a category: a new category starts them afresh.
        CHOOSE_CATEGORY: {
          target: 'statements',
          actions: assign({
            statements: ({ context, event }) => (context.category === event.category ? context.statements : []),
            category: ({ event }) => event.category,
          }),
        },
      },
    },
    statements: {
      on: {
        TOGGLE_STATEMENT: {
          actions: assign({
            statements: ({ context, event }) =>
              context.statements.includes(event.id) ? context.statements.filter((s) => s !== event.id) : [...context.statements, event.id],
          }),
        },
        NEXT: [
          // Back to the check screen only if everything on it is still valid (the phone may have been left half-typed).
          { guard: ({ context }) => context.statements.length > 0 && context.returnToCheck && phoneOk(context.callbackPhone), target: 'check' },
          { guard: 'hasStatement', target: 'details' },
        ],
        PREV: 'category',
      },
    },
    details: {
      on: {
        TYPE_CASE: { actions: assign({ relatedCaseNo: ({ event }) => event.caseNo.toUpperCase().slice(0, 40) }) },
        TYPE_PHONE: { actions: assign({ callbackPhone: ({ event }) => event.phone.replace(/\D/g, '').slice(0, 11), invalid: false }) },
        NEXT: [{ guard: 'detailsOk', target: 'check', actions: assign({ invalid: false }) }, { actions: assign({ invalid: true }) }],
        PREV: 'statements',
      },
    },
    check: {
      entry: assign({ returnToCheck: false }),
      on: {
        CHANGE: [
          { guard: ({ event }) => event.step === 'category', target: 'category', actions: assign({ returnToCheck: true }) },
          { guard: ({ event }) => event.step === 'statements', target: 'statements', actions: assign({ returnToCheck: true }) },
          { target: 'details', actions: assign({ returnToCheck: true }) },
        ],
        SUBMIT: 'submitting',
      },
    },
    submitting: {
      entry: {
        type: 'submit',
        params: ({ context }) => ({
          idempotencyKey: context.idempotencyKey,
          category: context.category!,
          statements: context.statements,
          relatedCaseNo: context.relatedCaseNo || undefined,
          callbackPhone: context.callbackPhone || undefined,
        }),
      },
      on: {
        SUBMITTED: { target: 'accepted', actions: assign({ caseNo: ({ event }) => event.caseNo, promisedDate: ({ event }) => event.promisedDate, error: undefined }) },
        SUBMIT_FAILED: { target: 'submitFailed', actions: assign({ error: ({ event }) => event.code }) },
      },
    },
    submitFailed: { on: { RETRY: 'submitting', CHANGE: { target: 'details', actions: assign({ returnToCheck: true }) } } },
    accepted: {
      initial: 'printing',
      states: {
        printing: {
          entry: { type: 'printReceipt', params: ({ context }) => ({ caseNo: context.caseNo! }) },
          on: {
            PRINTED: { target: 'printed', actions: assign({ printError: undefined }) },
            PRINT_FAILED: { target: 'printFailed', actions: assign({ printError: ({ event }) => event.code }) },
          },
        },
        printFailed: { on: { PRINT: 'printing' } },
        printed: {},
      },
      on: { FINISH: 'done' },
    },
    done: { type: 'final' },
  },
});
