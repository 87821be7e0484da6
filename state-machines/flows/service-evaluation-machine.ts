import { assign, setup } from 'xstate';
import { codeOf, failureCode, hostRequest, hostStream } from '../host-effects';

/**
 * 好差评 when a service completes (DB2203/T 8-2024 5.1.3: the terminal goes
 * to the evaluation by itself). `invite` (the host's evaluation.invite)
 * names the service event and shows its QR on the evaluation device; the
 * screen shows the five levels and the same QR. A level from the screen
 * (RATE) or the device (DEVICE_RATED, the daemon's evaluation.devicePress)
 * — whichever comes first — is the rating: the other is no longer listened
 * to. A 差评 asks a reason (required) and an optional call-back phone, then
 * `rate` (evaluation.rate) stores it once; the daemon refuses a second
 * rating of the event (alreadyRated), which the screen reports as done.
 * 跳过 (SKIP) and the timeout record nothing: `dismiss` stands the device
 * down. A device that is absent changes nothing but the QR's second place.
 * `ratingEvents` (the host's evaluation.devicePress / evaluation.recorded
 * events) runs while the invitation stands: a rating stored meanwhile by
 * another channel (the QR on a phone) ends the screen's question.
 */
export interface ServiceEvaluationInput {
  idempotencyKey: string;
  caseNo?: string;
  itemCode?: string;
}

export interface Invitation {
  eventKey: string;
  url: string;
  device: { shows: 'qr' | 'text' | 'none'; rates: boolean; state: string };
  alreadyRated: boolean;
}

type RatingChannel = 'screen' | 'device';

export interface ServiceEvaluationContext extends ServiceEvaluationInput {
  invitation: Invitation | undefined;
  level: number | undefined;
  channel: RatingChannel | undefined;
  reasons: string[];
  phone: string;
  error: string | undefined;
}

export type ServiceEvaluationEvent =
  | { type: 'RATE'; level: number }
  | { type: 'DEVICE_RATED'; eventKey: string; level: number }
  /** A rating of eventKey was stored (evaluation.recorded): by another channel when this screen did not send it. */
  | { type: 'RECORDED'; eventKey: string }
  | { type: 'TOGGLE_REASON'; code: string }
  | { type: 'TYPE_PHONE'; phone: string }
  | { type: 'NEXT' }
  | { type: 'PREV' }
  | { type: 'SKIP' }
  | { type: 'RETRY' }
  | { type: 'FINISH' };

/** How the evaluation ended: `invited` false when the daemon refused the invitation (`error` says why). */
export interface ServiceEvaluationOutput {
  invited: boolean;
  error: string | undefined;
}

export interface RateRequest {
  idempotencyKey: string;
  eventKey: string;
  channel: RatingChannel;
  level: number;
  reasons: string[];
  callbackPhone: string | undefined;
}

const validLevel = (l: number) => Number.isInteger(l) && l >= 1 && l <= 5;
const poor = (l: number | undefined) => l !== undefined && l <= 2;
/** A mainland mobile number, or nothing (the call-back is optional). */
const phoneOk = (p: string) => p === '' || /^1[3-9]\d{9}$/.test(p);

export const serviceEvaluationMachine = setup({
  types: {} as { context: ServiceEvaluationContext; events: ServiceEvaluationEvent; input: ServiceEvaluationInput; output: ServiceEvaluationOutput },
  actors: {
    invite: hostRequest<Invitation, { caseNo?: string; itemCode?: string }>('invite'),
    rate: hostRequest<void, RateRequest>('rate'),
    dismiss: hostRequest<void, { eventKey: string }>('dismiss'),
    /** Sends DEVICE_RATED and RECORDED for the host's evaluation events. */
    ratingEvents: hostStream(),
  },
  delays: {
    /** No answer on the screen or the device for this long: nothing is recorded. */
    ratingTimeout: 60_000,
    thanksTimeout: 10_000,
  },
  guards: {
    poor: ({ context }) => poor(context.level),
    reasonsDone: ({ context }) => context.reasons.length > 0 && phoneOk(context.phone),
    alreadyRated: ({ event }) => (event as { output?: Invitation }).output?.alreadyRated === true,
    ofThisEvent: ({ context, event }) => (event as { eventKey?: string }).eventKey === context.invitation?.eventKey,
  },
}).createMachine({
  id: 'serviceEvaluation',
  context: ({ input }) => ({ ...input, invitation: undefined, level: undefined, channel: undefined, reasons: [], phone: '', error: undefined }),
  initial: 'inviting',
  output: ({ context }) => ({ invited: context.invitation !== undefined, error: context.error }),
  invoke: { id: 'ratingEvents', src: 'ratingEvents' },
  states: {
    inviting: {
      invoke: {
        id: 'invite',
        src: 'invite',
        input: ({ context }) => ({ ...(context.caseNo ? { caseNo: context.caseNo } : {}), ...(context.itemCode ? { itemCode: context.itemCode } : {}) }),
        onDone: [
          { guard: 'alreadyRated', target: 'rated', actions: assign({ invitation: ({ event }) => event.output }) },
          { target: 'rating', actions: assign({ invitation: ({ event }) => event.output }) },
        ],
        // Without an invitation there is no event to rate: the resident is not asked.
        onError: { target: 'done', actions: assign({ error: failureCode }) },
      },
    },
    rating: {
      after: { ratingTimeout: 'dismissing' },
      on: {
        RATE: { guard: ({ event }) => validLevel(event.level), target: 'afterRating', actions: assign({ level: ({ event }) => event.level, channel: 'screen' }) },
        DEVICE_RATED: {
          guard: ({ context, event }) => validLevel(event.level) && event.eventKey === context.invitation?.eventKey,
          target: 'afterRating',
          actions: assign({ level: ({ event }) => event.level, channel: 'device' }),
        },
        RECORDED: { guard: 'ofThisEvent', target: 'rated' },
        SKIP: 'dismissing',
      },
    },
    afterRating: { always: [{ guard: 'poor', target: 'reasons' }, { target: 'submitting' }] },
    reasons: {
      after: { ratingTimeout: 'dismissing' },
      on: {
        TOGGLE_REASON: {
          actions: assign({ reasons: ({ context, event }) => (context.reasons.includes(event.code) ? context.reasons.filter((r) => r !== event.code) : [...context.reasons, event.code]) }),
        },
        TYPE_PHONE: { actions: assign({ phone: ({ event }) => event.phone.replace(/\D/g, '').slice(0, 11) }) },
        NEXT: { guard: 'reasonsDone', target: 'submitting' },
        // A level pressed on the device cannot be taken back on the screen: back is for a screen rating only.
        PREV: { guard: ({ context }) => context.channel === 'screen', target: 'rating', actions: assign({ level: undefined, channel: undefined, reasons: [], phone: '' }) },
        RECORDED: { guard: 'ofThisEvent', target: 'rated' },
        SKIP: 'dismissing',
      },
    },
    submitting: {
      invoke: {
        id: 'rate',
        src: 'rate',
        input: ({ context }) => ({
          idempotencyKey: context.idempotencyKey,
          eventKey: context.invitation!.eventKey,
          channel: context.channel!,
          level: context.level!,
          reasons: poor(context.level) ? context.reasons : [],
          callbackPhone: poor(context.level) && context.phone ? context.phone : undefined,
        }),
        onDone: { target: 'thanks', actions: assign({ error: undefined }) },
        onError: [
          { guard: ({ event }) => codeOf(event.error) === 'alreadyRated', target: 'rated', actions: assign({ error: failureCode }) },
          { target: 'failed', actions: assign({ error: failureCode }) },
        ],
      },
    },
    failed: { on: { RETRY: 'submitting', SKIP: 'dismissing' } },
    thanks: { after: { thanksTimeout: 'done' }, on: { FINISH: 'done' } },
    /** The event already has a rating (another channel, an earlier visit): nothing more is asked. */
    rated: { after: { thanksTimeout: 'dismissing' }, on: { FINISH: 'dismissing' } },
    dismissing: {
      invoke: {
        id: 'dismiss',
        src: 'dismiss',
        input: ({ context }) => ({ eventKey: context.invitation?.eventKey ?? '' }),
        onDone: 'done',
        onError: 'done',
      },
    },
    done: { type: 'final' },
  },
});
