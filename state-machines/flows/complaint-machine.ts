import { assign, setup } from 'xstate';
import { failureCode, hostRequest } from '../host-effects';
import { MOBILE } from './form-answers';
import { contentRefused } from './submit-failure';
import { serviceEvaluationMachine } from './service-evaluation-machine';

/**
 * 有诉即办: what went wrong (a category, then short statements — nobody types
 * Chinese on a kiosk), an optional related case and call-back phone, a check
 * screen, then the complaint goes through the outbox and its receipt prints.
 * `submit` (submission.submit) and `printReceipt` (receipt.print) are the
 * host's, invoked by the states that need them. A complaint is sent only on
 * SUBMIT from the check screen or on RETRY, always with the input's key;
 * after a failure whose outcome is unknown only a RETRY of the same content is
 * offered, changing the answers only when the daemon refused the content
 * (submit-failure.ts), so one complaint is always one case. A filed
 * complaint goes on to its 好差评 on 完成 (`evaluation`, by its case number).
 */
export interface ComplaintInput {
  idempotencyKey: string;
  /** A fresh idempotency key for the rating of this service (UI-generated UUID). */
  ratingKey: string;
}

type ComplaintStep = 'category' | 'statements' | 'details' | 'check';

export interface ComplaintContext {
  idempotencyKey: string;
  ratingKey: string;
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
  | { type: 'RETRY' }
  | { type: 'PRINT' }
  | { type: 'FINISH' };

export interface ComplaintSubmit {
  idempotencyKey: string;
  category: string;
  statements: string[];
  relatedCaseNo: string | undefined;
  callbackPhone: string | undefined;
}

/** What the daemon answers for an accepted complaint: its case number and the date it promises an answer by. */
export interface ComplaintAccepted {
  caseNo: string;
  promisedDate: string | null;
}

/** The call-back phone is optional: empty or a complete mobile number. */
const phoneOk = (p: string) => p === '' || MOBILE.test(p);

export const complaintMachine = setup({
  types: {} as { context: ComplaintContext; events: ComplaintEvent; input: ComplaintInput; children: { submit: 'submit'; printReceipt: 'printReceipt'; evaluation: 'evaluation' } },
  actors: {
    submit: hostRequest<ComplaintAccepted, ComplaintSubmit>('submit'),
    /** With the complaint's key: the host holds it until the receipt's outcome is known (a crash may take the answer). */
    printReceipt: hostRequest<void, { caseNo: string; idempotencyKey: string }>('printReceipt'),
    evaluation: serviceEvaluationMachine,
  },
  guards: {
    hasStatement: ({ context }) => context.statements.length > 0,
    detailsOk: ({ context }) => phoneOk(context.callbackPhone),
    editable: ({ context }) => contentRefused(context.error),
  },
}).createMachine({
  id: 'complaint',
  context: ({ input }) => ({
    idempotencyKey: input.idempotencyKey,
    ratingKey: input.ratingKey,
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
            statements: ({ context, event }) => (context.statements.includes(event.id) ? context.statements.filter((s) => s !== event.id) : [...context.statements, event.id]),
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
      invoke: {
        id: 'submit',
        src: 'submit',
        input: ({ context }) => ({
          idempotencyKey: context.idempotencyKey,
          category: context.category!,
          statements: context.statements,
          relatedCaseNo: context.relatedCaseNo || undefined,
          callbackPhone: context.callbackPhone || undefined,
        }),
        onDone: { target: 'accepted', actions: assign({ caseNo: ({ event }) => event.output.caseNo, promisedDate: ({ event }) => event.output.promisedDate, error: undefined }) },
        onError: { target: 'submitFailed', actions: assign({ error: failureCode }) },
      },
    },
    submitFailed: {
      on: {
        RETRY: 'submitting',
        // The refusal is about the related case number, the one answer the daemon checks beyond the form.
        CHANGE: { guard: 'editable', target: 'details', actions: assign({ returnToCheck: true }) },
      },
    },
    accepted: {
      initial: 'printing',
      states: {
        printing: {
          invoke: {
            id: 'printReceipt',
            src: 'printReceipt',
            input: ({ context }) => ({ caseNo: context.caseNo!, idempotencyKey: context.idempotencyKey }),
            onDone: { target: 'printed', actions: assign({ printError: undefined }) },
            onError: { target: 'printFailed', actions: assign({ printError: failureCode }) },
          },
        },
        printFailed: { on: { PRINT: 'printing' } },
        printed: {},
      },
      // The complaint stands whatever the receipt did: its rating is asked.
      on: { FINISH: 'evaluation' },
    },
    /** 好差评 of the complaint's handling at the terminal (DB2203/T 8-2024 5.1.3), by its case number. */
    evaluation: {
      invoke: { id: 'evaluation', src: 'evaluation', input: ({ context }) => ({ idempotencyKey: context.ratingKey, caseNo: context.caseNo! }), onDone: 'done' },
    },
    done: { type: 'final' },
  },
});
