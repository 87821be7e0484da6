import { assign, raise, setup } from 'xstate';
import type { CardSummary } from '../../contract/api/card';
import type { RecordSet, SubmitResult } from '../../contract/api/submission';
import type { z } from 'zod';
import { identifyMachine, type IdentifyOutput } from './identify-machine';
import { pageProblems, paginate, type AnswerValue, type Answers, type AskedField } from './form-answers';

/**
 * An item's terminal service, after its guide: identify by card (with
 * consent), then
 * - apply: questions → materials → delivery → check answers → submit (durable
 *   in the daemon's outbox before SUBMITTED) → receipt printed, or the number
 *   shown to photograph and a reprint once paper is back;
 * - precheck: questions → materials → check answers → eligibility → printed result;
 * - queryPrint: fetch the person's records → preview → print.
 * Pure: every effect is an injected action answered by an event. A submit is
 * sent only from `check` on SUBMIT; a retry re-sends with the same
 * idempotency key, so one application is one case however often it is sent.
 */
export type ServiceMode = 'apply' | 'precheck' | 'queryPrint';
/** How the resident provides a material: has it / will bring it / will post it / does not apply (optional materials, 如有). */
export type MaterialChoice = 'have' | 'later' | 'post' | 'notNeeded';
export type DeliveryChoice = 'pickup' | 'post' | 'electronic';
export type EligibilityOutcome = { outcome: 'eligible' | 'ineligible' | 'checkAtWindow'; failed: string[] };
type SubmitAnswer = z.infer<typeof SubmitResult>;

export interface ServiceInput {
  mode: ServiceMode;
  itemId: string;
  idempotencyKey: string;
  /** Fields the resident answers (not the prefilled ones). */
  fields: AskedField[];
  /** 1 in elder mode (one question per screen). */
  perPage: number;
  /** Materials the resident is asked about (those the terminal cannot get itself). */
  materials: string[];
  /** Delivery methods the item allows, in display order; one or none → no question. */
  delivery: DeliveryChoice[];
  /** ISO day, for date-field bounds. */
  today: string;
}

export interface ServiceContext extends ServiceInput {
  card: CardSummary | undefined;
  answers: Answers;
  page: number;
  /** Field ids flagged after NEXT on an incomplete page. */
  missing: string[];
  provided: Record<string, MaterialChoice>;
  deliveryChoice: DeliveryChoice | undefined;
  /** After a change from the check screen, NEXT returns there. */
  returnToCheck: boolean;
  accepted: SubmitAnswer | undefined;
  eligibility: EligibilityOutcome | undefined;
  records: RecordSet | undefined;
  error: string | undefined;
  printError: string | undefined;
  printJobId: string | undefined;
  /** card.removed seen after identification: the reminder can go. */
  cardTaken: boolean;
}

export type ServiceEvent =
  /** Raised from the identify child's output (graph walks send them directly). */
  | { type: 'IDENTIFIED'; card: CardSummary }
  | { type: 'IDENTIFY_DECLINED' }
  | { type: 'ANSWER'; fieldId: string; value: AnswerValue | undefined }
  | { type: 'NEXT' }
  | { type: 'PREV' }
  | { type: 'PROVIDE'; materialId: string; choice: MaterialChoice }
  | { type: 'DELIVERY'; method: DeliveryChoice }
  | { type: 'CHANGE'; section: 'questions' | 'materials' | 'delivery'; page?: number }
  | { type: 'SUBMIT' }
  | { type: 'SUBMITTED'; result: SubmitAnswer }
  | { type: 'SUBMIT_FAILED'; code: string }
  | { type: 'RETRY' }
  | { type: 'EVALUATED'; result: EligibilityOutcome }
  | { type: 'RECORDS_FOUND'; records: RecordSet }
  | { type: 'NO_RECORDS' }
  | { type: 'FETCH_FAILED'; code: string }
  | { type: 'PRINT' }
  | { type: 'PRINTED'; jobId: string }
  | { type: 'PRINT_FAILED'; code: string; jobId?: string }
  | { type: 'CARD_REMOVED' }
  | { type: 'FINISH' };

export interface SubmitParams {
  idempotencyKey: string;
  itemId: string;
  answers: Answers;
  provided: Record<string, MaterialChoice>;
  delivery: DeliveryChoice;
}

const pages = (c: ServiceContext) => paginate(c.fields, c.perPage);
const today = (c: ServiceContext) => new Date(`${c.today}T00:00:00`);
const pageComplete = (c: ServiceContext) => pageProblems(pages(c)[c.page] ?? [], c.answers, today(c)).length === 0;
const lastPage = (c: ServiceContext) => c.page >= pages(c).length - 1;
const hasMaterials = (c: ServiceContext) => c.mode !== 'queryPrint' && c.materials.length > 0;
const asksDelivery = (c: ServiceContext) => c.mode === 'apply' && c.delivery.length > 1;
/** Post needs an address from the card (foreign permanent resident cards carry none). */
const canPost = (c: ServiceContext) => Boolean((c.card as { maskedAddress?: string } | undefined)?.maskedAddress);

export const serviceMachine = setup({
  types: {} as { context: ServiceContext; events: ServiceEvent; input: ServiceInput },
  actors: { identify: identifyMachine },
  actions: {
    submit: (_, _params: SubmitParams) => {},
    /** Injected: receipt.print for the accepted case; answers PRINTED / PRINT_FAILED. */
    printReceipt: (_, _params: { caseNo: string }) => {},
    /** Injected: evaluate the item's eligibility rules (pure, in the UI) and answer EVALUATED. */
    evaluate: (_, _params: { itemId: string; answers: Answers; card: CardSummary | undefined; provided: Record<string, MaterialChoice> }) => {},
    printPrecheck: (_, _params: { itemId: string; result: EligibilityOutcome; provided: Record<string, MaterialChoice> }) => {},
    fetchRecords: (_, _params: { itemId: string }) => {},
    printRecords: (_, _params: { itemId: string }) => {},
  },
  guards: {
    isApplyOrPrecheck: ({ context }) => context.mode !== 'queryPrint',
    pageComplete: ({ context }) => pageComplete(context),
    noQuestions: ({ context }) => context.fields.length === 0,
    lastPageComplete: ({ context }) => pageComplete(context) && lastPage(context),
    returnToCheck: ({ context }) => context.returnToCheck,
    hasMaterials: ({ context }) => hasMaterials(context),
    materialsComplete: ({ context }) => context.materials.every((m) => context.provided[m] !== undefined),
    asksDelivery: ({ context }) => asksDelivery(context),
    deliveryChosen: ({ context }) => context.deliveryChoice !== undefined,
    firstPage: ({ context }) => context.page === 0,
    isPrecheck: ({ context }) => context.mode === 'precheck',
    postAllowed: ({ context, event }) => event.type === 'DELIVERY' && context.delivery.includes(event.method) && (event.method !== 'post' || canPost(context)),
    validChoice: ({ context, event }) => event.type === 'PROVIDE' && context.materials.includes(event.materialId) && (event.choice !== 'post' || context.mode === 'apply'),
  },
}).createMachine({
  id: 'service',
  context: ({ input }) => ({
    ...input,
    card: undefined,
    answers: {},
    page: 0,
    missing: [],
    provided: {},
    // A single allowed method is taken without asking.
    deliveryChoice: input.delivery.length === 1 ? input.delivery[0] : input.delivery.length === 0 ? 'pickup' : undefined,
    returnToCheck: false,
    accepted: undefined,
    eligibility: undefined,
    records: undefined,
    error: undefined,
    printError: undefined,
    printJobId: undefined,
    cardTaken: false,
  }),
  initial: 'identify',
  on: { CARD_REMOVED: { actions: assign({ cardTaken: true }) } },
  states: {
    identify: {
      invoke: {
        id: 'identify',
        src: 'identify',
        input: ({ context }) => ({ consent: context.mode }),
        onDone: {
          actions: raise(({ event }) => {
            const out = event.output as IdentifyOutput;
            return out.outcome === 'identified' ? { type: 'IDENTIFIED' as const, card: out.card } : { type: 'IDENTIFY_DECLINED' as const };
          }),
        },
      },
      on: {
        IDENTIFIED: { target: 'afterIdentify', actions: assign({ card: ({ event }) => event.card }) },
        IDENTIFY_DECLINED: 'declined',
      },
    },
    afterIdentify: {
      always: [{ guard: 'isApplyOrPrecheck', target: 'questions' }, { target: 'fetching' }],
    },
    /** Consent declined: nothing was submitted; the screen says so and offers the way back. */
    declined: { on: { FINISH: 'done' } },

    // ── apply / precheck ────────────────────────────────────────────────
    questions: {
      always: { guard: 'noQuestions', target: 'materials' },
      on: {
        ANSWER: {
          actions: assign({
            answers: ({ context, event }) => {
              const next = { ...context.answers };
              if (event.value === undefined) delete next[event.fieldId];
              else next[event.fieldId] = event.value;
              return next;
            },
            missing: ({ context, event }) => context.missing.filter((id) => id !== event.fieldId),
          }),
        },
        NEXT: [
          { guard: 'lastPageComplete', target: 'afterQuestions', actions: assign({ missing: [] }) },
          { guard: 'pageComplete', actions: assign({ page: ({ context }) => context.page + 1, missing: [] }) },
          { actions: assign({ missing: ({ context }) => pageProblems(pages(context)[context.page] ?? [], context.answers, today(context)) }) },
        ],
        PREV: { guard: ({ context }) => context.page > 0, actions: assign({ page: ({ context }) => context.page - 1, missing: [] }) },
      },
    },
    afterQuestions: {
      always: [{ guard: 'returnToCheck', target: 'check' }, { target: 'materials' }],
    },
    materials: {
      always: { guard: ({ context }) => !hasMaterials(context), target: 'afterMaterials' },
      on: {
        PROVIDE: { guard: 'validChoice', actions: assign({ provided: ({ context, event }) => ({ ...context.provided, [event.materialId]: event.choice }) }) },
        NEXT: { guard: 'materialsComplete', target: 'afterMaterials' },
        PREV: { guard: ({ context }) => context.fields.length > 0, target: 'questions' },
      },
    },
    afterMaterials: {
      always: [{ guard: 'returnToCheck', target: 'check' }, { guard: 'asksDelivery', target: 'delivery' }, { target: 'check' }],
    },
    delivery: {
      on: {
        DELIVERY: { guard: 'postAllowed', actions: assign({ deliveryChoice: ({ event }) => event.method }) },
        NEXT: { guard: 'deliveryChosen', target: 'check' },
        PREV: 'materials',
      },
    },
    check: {
      entry: assign({ returnToCheck: false }),
      on: {
        CHANGE: [
          {
            guard: ({ event }) => event.section === 'questions',
            target: 'questions',
            actions: assign({ returnToCheck: true, page: ({ context, event }) => Math.min(Math.max(0, event.page ?? 0), Math.max(0, pages(context).length - 1)) }),
          },
          { guard: ({ event, context }) => event.section === 'materials' && hasMaterials(context), target: 'materials', actions: assign({ returnToCheck: true }) },
          { guard: ({ event, context }) => event.section === 'delivery' && asksDelivery(context), target: 'delivery', actions: assign({ returnToCheck: true }) },
        ],
        SUBMIT: [{ guard: 'isPrecheck', target: 'evaluating' }, { target: 'submitting' }],
      },
    },
    submitting: {
      entry: {
        type: 'submit',
        params: ({ context }) => ({
          idempotencyKey: context.idempotencyKey,
          itemId: context.itemId,
          answers: context.answers,
          provided: context.provided,
          delivery: context.deliveryChoice ?? 'pickup',
        }),
      },
      on: {
        SUBMITTED: { target: 'accepted', actions: assign({ accepted: ({ event }) => event.result, error: undefined }) },
        SUBMIT_FAILED: { target: 'submitFailed', actions: assign({ error: ({ event }) => event.code }) },
      },
    },
    /** Nothing was accepted (or the answer was lost): retry with the same key never makes a second case. */
    submitFailed: { on: { RETRY: 'submitting' } },
    accepted: {
      initial: 'printing',
      states: {
        printing: {
          entry: { type: 'printReceipt', params: ({ context }) => ({ caseNo: context.accepted!.caseNo }) },
          on: {
            PRINTED: { target: 'printed', actions: assign({ printJobId: ({ event }) => event.jobId, printError: undefined }) },
            PRINT_FAILED: { target: 'printFailed', actions: assign({ printError: ({ event }) => event.code }) },
          },
        },
        /** The case stands; the screen shows the number and QR to photograph, and a reprint once paper is back. */
        printFailed: { on: { PRINT: 'printing' } },
        printed: {},
      },
      // Leaving while the receipt prints is fine: the printer finishes the job.
      on: { FINISH: '#service.done' },
    },
    evaluating: {
      entry: {
        type: 'evaluate',
        params: ({ context }) => ({ itemId: context.itemId, answers: context.answers, card: context.card, provided: context.provided }),
      },
      on: { EVALUATED: { target: 'precheckResult', actions: assign({ eligibility: ({ event }) => event.result }) } },
    },
    precheckResult: {
      initial: 'shown',
      states: {
        shown: { on: { PRINT: 'printing' } },
        printing: {
          entry: {
            type: 'printPrecheck',
            params: ({ context }) => ({ itemId: context.itemId, result: context.eligibility!, provided: context.provided }),
          },
          on: {
            PRINTED: { target: 'printed', actions: assign({ printJobId: ({ event }) => event.jobId, printError: undefined }) },
            PRINT_FAILED: { target: 'shown', actions: assign({ printError: ({ event }) => event.code }) },
          },
        },
        printed: { on: { PRINT: 'printing' } },
      },
      on: { CHANGE: { target: 'check' }, FINISH: 'done' },
    },

    // ── queryPrint ──────────────────────────────────────────────────────
    fetching: {
      entry: { type: 'fetchRecords', params: ({ context }) => ({ itemId: context.itemId }) },
      on: {
        RECORDS_FOUND: { target: 'preview', actions: assign({ records: ({ event }) => event.records, error: undefined }) },
        NO_RECORDS: 'noRecords',
        FETCH_FAILED: { target: 'fetchFailed', actions: assign({ error: ({ event }) => event.code }) },
      },
    },
    /** No data for this person: said plainly; nothing is printed. */
    noRecords: { on: { FINISH: 'done' } },
    fetchFailed: { on: { RETRY: 'fetching', FINISH: 'done' } },
    preview: {
      initial: 'shown',
      states: {
        shown: { on: { PRINT: 'printing' } },
        printing: {
          entry: { type: 'printRecords', params: ({ context }) => ({ itemId: context.itemId }) },
          on: {
            PRINTED: { target: 'printed', actions: assign({ printJobId: ({ event }) => event.jobId, printError: undefined }) },
            PRINT_FAILED: { target: 'shown', actions: assign({ printError: ({ event }) => event.code }) },
          },
        },
        printed: {},
      },
      on: { FINISH: 'done' },
    },
    done: { type: 'final' },
  },
});
