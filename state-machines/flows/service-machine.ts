import { assign, setup } from 'xstate';
import type { CardSummary } from '../../contract/api/card';
import type { RecordSet, SubmitResult } from '../../contract/api/submission';
import type { PrecheckResult } from '../../contract/api/precheck';
import type { z } from 'zod';
import { codeOf, failureCode, hostRequest, hostStream } from '../host-effects';
import { identifiedCard, identifyMachine } from './identify-machine';
import { serviceEvaluationMachine } from './service-evaluation-machine';
import { pageProblems, paginate, type AnswerValue, type Answers, type AskedField } from './form-answers';
import { contentRefused, openCaseOf, type OpenCase } from './submit-failure';

/**
 * An item's terminal service, after its guide: identify by card (with
 * consent), then
 * - apply: questions → materials → delivery → check answers → submit (durable
 *   in the daemon's outbox before it answers) → receipt printed, or the number
 *   shown to photograph and a reprint once paper is back;
 * - precheck: questions → materials → check answers → the daemon's
 *   eligibility outcome → printed slip;
 * - queryPrint: fetch the person's records → preview → print.
 * A completed service (the application accepted, the records printed) goes
 * on to its 好差评 on 完成 (`evaluation`, the service-evaluation child).
 * Every effect is an actor the host provides, invoked by the state that needs
 * it. An application is sent only from `check` on SUBMIT or on RETRY after a
 * failure, always with the input's key, so one application is one case
 * however often it is sent; the answers change after a failure only when the
 * daemon refused them (submit-failure.ts).
 */
export type ServiceMode = 'apply' | 'precheck' | 'queryPrint';
/** How the resident provides a material: has it / will bring it / will post it / does not apply (optional materials, 如有). */
export type MaterialChoice = 'have' | 'later' | 'post' | 'notNeeded';
export type DeliveryChoice = 'pickup' | 'post' | 'electronic';
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
  /** ISO day (China time), for date-field bounds. */
  today: string;
  /** The item's code, named in the rating of the service. */
  itemCode: string;
  /** A fresh idempotency key for the rating of this service (UI-generated UUID). */
  ratingKey: string;
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
  eligibility: PrecheckResult | undefined;
  records: RecordSet | undefined;
  error: string | undefined;
  printError: string | undefined;
  /** card.removed seen after identification: the reminder can go. */
  cardTaken: boolean;
  /** The daemon refused the application: this person has the item open already. */
  openCase: OpenCase | undefined;
  /** Sent again past that open case (items that allow more than one). */
  repeatOf: string | undefined;
  /** Where a confirmed leave goes: the item's guide (a step back from the first step) or home. */
  leaveTo: LeaveTo;
}

/** Where the service ended: home (finished, or left for home) or back to the item's guide. */
export type LeaveTo = 'home' | 'guide';
interface ServiceOutput {
  to: LeaveTo;
}

export type ServiceEvent =
  | { type: 'ANSWER'; fieldId: string; value: AnswerValue | undefined }
  | { type: 'NEXT' }
  | { type: 'PREV' }
  | { type: 'PROVIDE'; materialId: string; choice: MaterialChoice }
  | { type: 'DELIVERY'; method: DeliveryChoice }
  | { type: 'CHANGE'; section: 'questions' | 'materials' | 'delivery'; page?: number }
  | { type: 'SUBMIT' }
  | { type: 'RETRY' }
  /** Apply again although the open case was shown (only where the item allows more than one). */
  | { type: 'REPEAT' }
  | { type: 'PRINT' }
  /** From the host's card-removal stream: the card left the reader. */
  | { type: 'CARD_REMOVED' }
  | { type: 'FINISH' }
  /** Home (or any way out but a step back): asks first when answers would be lost. */
  | { type: 'LEAVE'; to: LeaveTo }
  /** On the "leave and lose your answers?" question: stay, or leave. */
  | { type: 'STAY' }
  | { type: 'CONFIRM_LEAVE' };

export interface SubmitParams {
  idempotencyKey: string;
  itemId: string;
  answers: Answers;
  provided: Record<string, MaterialChoice>;
  delivery: DeliveryChoice;
  /** The open case the resident saw and chose to go past. */
  repeatOf?: string;
}

/** What a pre-check is asked about (precheck.evaluate and precheck.print take the same). */
export interface PrecheckParams {
  itemId: string;
  answers: Answers;
  provided: Record<string, MaterialChoice>;
}

const pages = (c: ServiceContext) => paginate(c.fields, c.perPage);
const today = (c: ServiceContext) => new Date(`${c.today}T00:00:00`);
const pageComplete = (c: ServiceContext) => pageProblems(pages(c)[c.page] ?? [], c.answers, today(c)).length === 0;
const lastPage = (c: ServiceContext) => c.page >= pages(c).length - 1;
const hasMaterials = (c: ServiceContext) => c.mode !== 'queryPrint' && c.materials.length > 0;
const asksDelivery = (c: ServiceContext) => c.mode === 'apply' && c.delivery.length > 1;
/** Post needs an address from the card (foreign permanent resident cards carry none). */
const canPost = (c: ServiceContext) => Boolean((c.card as { maskedAddress?: string } | undefined)?.maskedAddress);
/**
 * Answers the form starts with: a date whose earliest allowed day is today
 * (minOffsetDays 0: "treatment starts on", "start date") is answered today,
 * shown and counted so; every other date starts unanswered and is shown so.
 */
function defaultAnswers(fields: readonly AskedField[], today: string): Answers {
  return Object.fromEntries(fields.filter((f) => f.kind === 'date' && f.minOffsetDays === 0).map((f) => [f.id, today]));
}
/** Something the resident entered that leaving would throw away (a default left as it was is not). */
export const hasAnswers = (c: ServiceContext): boolean =>
  Object.entries(c.answers).some(([id, v]) => v !== defaultAnswers(c.fields, c.today)[id]) || Object.keys(c.provided).length > 0 || (asksDelivery(c) && c.deliveryChoice !== undefined);
const lastPageIndex = (c: ServiceContext) => Math.max(0, pages(c).length - 1);
/**
 * A step back from the first step of the form leaves the service for the
 * guide, and LEAVE (Home) leaves for where it says: straight away when
 * nothing was entered, else through the question whether to lose the answers.
 */
const leaveFromFirstStep = [
  { guard: 'unsaved', target: '#service.leaving', actions: 'leaveToGuide' },
  { target: '#service.left', actions: 'leaveToGuide' },
] as const;
const leaveForm = [
  { guard: 'unsaved', target: '#service.leaving', actions: 'leaveToAsked' },
  { target: '#service.left', actions: 'leaveToAsked' },
] as const;
/** A step back to the last page of questions, or out of the service when there are none. */
const backToQuestions = [{ guard: 'hasQuestions', target: '#service.questions', actions: 'toLastPage' }, ...leaveFromFirstStep] as const;
const precheckParams = ({ context }: { context: ServiceContext }): PrecheckParams => ({ itemId: context.itemId, answers: context.answers, provided: context.provided });

export const serviceMachine = setup({
  types: {} as {
    context: ServiceContext;
    events: ServiceEvent;
    input: ServiceInput;
    output: ServiceOutput;
    children: {
      identify: 'identify';
      cardRemoval: 'cardRemoval';
      submit: 'submit';
      printReceipt: 'printReceipt';
      precheck: 'precheck';
      printPrecheck: 'printPrecheck';
      fetchRecords: 'fetchRecords';
      printRecords: 'printRecords';
      evaluation: 'evaluation';
    };
  },
  actors: {
    identify: identifyMachine,
    /** Sends CARD_REMOVED when the card leaves the reader. */
    cardRemoval: hostStream(),
    submit: hostRequest<SubmitAnswer, SubmitParams>('submit'),
    /** With the key of the application it is the receipt of: the host holds that key until the receipt's outcome is known. */
    printReceipt: hostRequest<void, { caseNo: string; idempotencyKey: string }>('printReceipt'),
    precheck: hostRequest<PrecheckResult, PrecheckParams>('precheck'),
    printPrecheck: hostRequest<void, PrecheckParams>('printPrecheck'),
    fetchRecords: hostRequest<RecordSet, { itemId: string }>('fetchRecords'),
    printRecords: hostRequest<void, { itemId: string }>('printRecords'),
    evaluation: serviceEvaluationMachine,
  },
  actions: {
    leaveToGuide: assign({ leaveTo: 'guide' as LeaveTo }),
    leaveToAsked: assign({ leaveTo: ({ event }) => (event.type === 'LEAVE' ? event.to : 'home') }),
    toLastPage: assign({ page: ({ context }) => lastPageIndex(context), missing: [] }),
  },
  guards: {
    isApplyOrPrecheck: ({ context }) => context.mode !== 'queryPrint',
    pageComplete: ({ context }) => pageComplete(context),
    noQuestions: ({ context }) => context.fields.length === 0,
    hasQuestions: ({ context }) => context.fields.length > 0,
    hasMaterials: ({ context }) => hasMaterials(context),
    unsaved: ({ context }) => hasAnswers(context),
    lastPageComplete: ({ context }) => pageComplete(context) && lastPage(context),
    returnToCheck: ({ context }) => context.returnToCheck,
    materialsComplete: ({ context }) => context.materials.every((m) => context.provided[m] !== undefined),
    asksDelivery: ({ context }) => asksDelivery(context),
    deliveryChosen: ({ context }) => context.deliveryChoice !== undefined,
    isPrecheck: ({ context }) => context.mode === 'precheck',
    editable: ({ context }) => contentRefused(context.error),
    postAllowed: ({ context, event }) => event.type === 'DELIVERY' && context.delivery.includes(event.method) && (event.method !== 'post' || canPost(context)),
    validChoice: ({ context, event }) => event.type === 'PROVIDE' && context.materials.includes(event.materialId) && (event.choice !== 'post' || context.mode === 'apply'),
  },
}).createMachine({
  id: 'service',
  context: ({ input }) => ({
    ...input,
    card: undefined,
    answers: defaultAnswers(input.fields, input.today),
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
    cardTaken: false,
    openCase: undefined,
    repeatOf: undefined,
    leaveTo: 'home',
  }),
  initial: 'identify',
  // "请取走您的身份证": the reminder stays until the reader reports the card gone.
  invoke: { id: 'cardRemoval', src: 'cardRemoval' },
  on: {
    CARD_REMOVED: { actions: assign({ cardTaken: true }) },
    // Outside the form nothing is lost by leaving (an accepted case is the daemon's).
    LEAVE: { target: '.left', actions: 'leaveToAsked' },
  },
  output: ({ context }) => ({ to: context.leaveTo }),
  states: {
    identify: {
      invoke: {
        id: 'identify',
        src: 'identify',
        input: ({ context }) => ({ consent: context.mode }),
        onDone: [
          { guard: ({ event }) => identifiedCard(event.output) === undefined, target: 'declined' },
          { guard: 'isApplyOrPrecheck', target: 'questions', actions: assign({ card: ({ event }) => identifiedCard(event.output) }) },
          { target: 'fetching', actions: assign({ card: ({ event }) => identifiedCard(event.output) }) },
        ],
      },
      on: { PREV: { target: 'left', actions: 'leaveToGuide' } },
    },
    /** Consent declined: nothing was submitted; the screen says so and offers the way back. */
    declined: { on: { FINISH: 'done', PREV: { target: 'left', actions: 'leaveToGuide' } } },
    /** "Leave and lose your answers?": staying returns to the form's first step with everything kept. */
    leaving: {
      tags: ['form'],
      on: { STAY: 'questions', CONFIRM_LEAVE: 'left', PREV: 'questions', LEAVE: {} },
    },
    /** Left without finishing: to the guide or home (the output says which); nothing was sent. */
    left: { type: 'final' },

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
        PREV: [{ guard: ({ context }) => context.page > 0, actions: assign({ page: ({ context }) => context.page - 1, missing: [] }) }, ...leaveFromFirstStep],
        LEAVE: leaveForm,
      },
      tags: ['form'],
    },
    afterQuestions: {
      always: [{ guard: 'returnToCheck', target: 'check' }, { target: 'materials' }],
    },
    materials: {
      always: { guard: ({ context }) => !hasMaterials(context), target: 'afterMaterials' },
      on: {
        PROVIDE: { guard: 'validChoice', actions: assign({ provided: ({ context, event }) => ({ ...context.provided, [event.materialId]: event.choice }) }) },
        NEXT: { guard: 'materialsComplete', target: 'afterMaterials' },
        PREV: backToQuestions,
        LEAVE: leaveForm,
      },
      tags: ['form'],
    },
    afterMaterials: {
      always: [{ guard: 'returnToCheck', target: 'check' }, { guard: 'asksDelivery', target: 'delivery' }, { target: 'check' }],
    },
    delivery: {
      on: {
        DELIVERY: { guard: 'postAllowed', actions: assign({ deliveryChoice: ({ event }) => event.method }) },
        NEXT: { guard: 'deliveryChosen', target: 'check' },
        PREV: [{ guard: 'hasMaterials', target: 'materials' }, ...backToQuestions],
        LEAVE: leaveForm,
      },
      tags: ['form'],
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
        // The step before: the same way NEXT came, every answer kept.
        PREV: [{ guard: 'asksDelivery', target: 'delivery' }, { guard: 'hasMaterials', target: 'materials' }, ...backToQuestions],
        LEAVE: leaveForm,
      },
      tags: ['form'],
    },
    submitting: {
      invoke: {
        id: 'submit',
        src: 'submit',
        input: ({ context }) => ({
          idempotencyKey: context.idempotencyKey,
          itemId: context.itemId,
          answers: context.answers,
          provided: context.provided,
          delivery: context.deliveryChoice ?? 'pickup',
          ...(context.repeatOf ? { repeatOf: context.repeatOf } : {}),
        }),
        onDone: { target: 'accepted', actions: assign({ accepted: ({ event }) => event.output, error: undefined, openCase: undefined }) },
        onError: { target: 'submitFailed', actions: assign({ error: failureCode, openCase: ({ event }) => openCaseOf(event.error) }) },
      },
    },
    /** Nothing was accepted, or the answer was lost: a retry with the same key never makes a second case. */
    submitFailed: {
      on: {
        REPEAT: { guard: ({ context }) => context.openCase?.repeatAllowed === true, target: 'submitting', actions: assign({ repeatOf: ({ context }) => context.openCase!.caseNo }) },
        RETRY: 'submitting',
        CHANGE: { guard: 'editable', target: 'check' },
        PREV: { guard: 'editable', target: 'check' },
        LEAVE: leaveForm,
      },
      tags: ['form'],
    },
    accepted: {
      initial: 'printing',
      states: {
        printing: {
          invoke: {
            id: 'printReceipt',
            src: 'printReceipt',
            input: ({ context }) => ({ caseNo: context.accepted!.caseNo, idempotencyKey: context.idempotencyKey }),
            onDone: { target: 'printed', actions: assign({ printError: undefined }) },
            onError: { target: 'printFailed', actions: assign({ printError: failureCode }) },
          },
        },
        /** The case stands; the screen shows the number and QR to photograph, and a reprint once paper is back. */
        printFailed: { on: { PRINT: 'printing' } },
        printed: {},
      },
      // Leaving while the receipt prints is fine: the printer finishes the job. The case stands: its rating is asked.
      on: { FINISH: '#service.evaluation' },
    },
    evaluating: {
      invoke: {
        id: 'precheck',
        src: 'precheck',
        input: precheckParams,
        onDone: { target: 'precheckResult', actions: assign({ eligibility: ({ event }) => event.output, error: undefined }) },
        onError: { target: 'precheckFailed', actions: assign({ error: failureCode }) },
      },
    },
    /** The daemon could not judge (offline, or it refused an answer): nothing was stored, so both ways stay open. */
    precheckFailed: { on: { RETRY: 'evaluating', CHANGE: 'check', PREV: 'check', LEAVE: leaveForm }, tags: ['form'] },
    precheckResult: {
      initial: 'shown',
      states: {
        shown: { on: { PRINT: 'printing' } },
        printing: {
          invoke: {
            id: 'printPrecheck',
            src: 'printPrecheck',
            input: precheckParams,
            onDone: { target: 'printed', actions: assign({ printError: undefined }) },
            onError: { target: 'shown', actions: assign({ printError: failureCode }) },
          },
        },
        printed: { on: { PRINT: 'printing' } },
      },
      on: { CHANGE: { target: 'check' }, PREV: 'check', FINISH: 'done' },
    },

    // ── queryPrint ──────────────────────────────────────────────────────
    fetching: {
      invoke: {
        id: 'fetchRecords',
        src: 'fetchRecords',
        input: ({ context }) => ({ itemId: context.itemId }),
        onDone: { target: 'preview', actions: assign({ records: ({ event }) => event.output, error: undefined }) },
        onError: [
          { guard: ({ event }) => codeOf(event.error) === 'notFound', target: 'noRecords' },
          { target: 'fetchFailed', actions: assign({ error: failureCode }) },
        ],
      },
    },
    /** No data for this person: said plainly; nothing is printed. */
    noRecords: { on: { FINISH: 'done', PREV: { target: 'left', actions: 'leaveToGuide' } } },
    fetchFailed: { on: { RETRY: 'fetching', FINISH: 'done', PREV: { target: 'left', actions: 'leaveToGuide' } } },
    preview: {
      initial: 'shown',
      states: {
        shown: { on: { PRINT: 'printing' } },
        printing: {
          invoke: {
            id: 'printRecords',
            src: 'printRecords',
            input: ({ context }) => ({ itemId: context.itemId }),
            onDone: { target: 'printed', actions: assign({ printError: undefined }) },
            onError: { target: 'shown', actions: assign({ printError: failureCode }) },
          },
        },
        // Records printed: the service is complete and its rating is asked.
        printed: { on: { FINISH: '#service.evaluation' } },
      },
      on: { FINISH: 'done', PREV: { target: 'left', actions: 'leaveToGuide' } },
    },
    /** 好差评 of the completed service (DB2203/T 8-2024 5.1.3): the case's when there is one, else the item's at this terminal. */
    evaluation: {
      invoke: {
        id: 'evaluation',
        src: 'evaluation',
        input: ({ context }) => ({ idempotencyKey: context.ratingKey, itemCode: context.itemCode, ...(context.accepted ? { caseNo: context.accepted.caseNo } : {}) }),
        onDone: 'done',
      },
    },
    done: { type: 'final', entry: assign({ leaveTo: 'home' as LeaveTo }) },
  },
});
