import { z } from 'zod';
import { command, event } from './define';

/**
 * 好差评 of one service event (一事一评). When a service completes, the UI
 * asks the daemon to invite a rating (evaluation.invite): the daemon names
 * the event (its case number, or a key for an event without one), shows the
 * QR on the evaluation device and answers the same QR for the screen. A
 * press on the device arrives as evaluation.devicePress; the rating itself,
 * from whichever channel came first, is evaluation.rate, and a second
 * rating of the same event, from any channel, is refused alreadyRated.
 * 差评 (levels 1–2) need a reason; the record carries the follow-up due date.
 */

const CaseNoText = z.string().min(1).max(64);
const ItemCode = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected an item code (letters, digits, . _ -)');
const Mobile = z.string().regex(/^1[3-9]\d{9}$/, 'expected an 11-digit mainland mobile number');
const EVALUATION_CHANNELS = ['screen', 'device', 'qr'] as const;
export const EvaluationChannel = z.enum(EVALUATION_CHANNELS);
export type EvaluationChannel = z.infer<typeof EvaluationChannel>;

/** Why a 差评, the terminal's own codes (mapped to the provincial 测评指标编码 at the platform boundary). */
export const POOR_REASONS = ['effic', 'attitu', 'skill', 'guide', 'trips', 'device'] as const;
const PoorReason = z.enum(POOR_REASONS);

const Level = z.int().min(1).max(5);

const InviteResult = z.object({
  /** The event this invitation is for: the case number, or an EV- key. */
  eventKey: z.string(),
  caseNo: z.string().optional(),
  /** The evaluation URL with the case number (or event key) and terminal id, for the on-screen QR. */
  url: z.string(),
  /** What the evaluation device does with it: shows the QR, shows text, or nothing (no device, or a pad without a display). */
  device: z.object({ shows: z.enum(['qr', 'text', 'none']), rates: z.boolean(), state: z.string() }),
  alreadyRated: z.boolean(),
});

export const evaluationCommands = {
  'evaluation.invite': command({
    args: z.object({ caseNo: CaseNoText.optional(), itemCode: ItemCode.optional() }).strict(),
    result: InviteResult,
    doc: 'Invite a rating of a service event: with caseNo (checked) that case, else a new event of itemCode at this terminal in this session. Shows the QR on the evaluation device when it is online (a device that is absent or refuses is reported, never an error). Errors: invalidArgs (bad case number).',
  }),
  'evaluation.rate': command({
    args: z
      .object({
        idempotencyKey: z.uuid(),
        eventKey: z.string().min(1).max(90),
        channel: EvaluationChannel,
        level: Level,
        reasons: z.array(PoorReason).max(POOR_REASONS.length).default([]),
        /** 差评 only: a number to call back, typed by the resident (kept masked in every log). */
        callbackPhone: Mobile.optional(),
      })
      .strict(),
    result: z.object({ caseNo: z.string(), eventKey: z.string(), followUpDue: z.string().nullable(), duplicate: z.boolean() }),
    doc: 'Record the rating of a service event (one per event, whatever the channel): stored in the outbox with its follow-up due date for a 差评, delivered to the platform later; the device stands down. Errors: alreadyRated (this event was rated, on this or another channel), invalidArgs (a 差评 without a reason, a call-back phone on a good rating, an unknown event key).',
  }),
  'evaluation.dismiss': command({
    args: z.object({ eventKey: z.string().min(1).max(90) }).strict(),
    result: z.object({ dismissed: z.boolean() }),
    doc: 'The resident skipped the rating or the screen timed out: nothing is recorded, the device stands down.',
  }),
};

export const evaluationEvents = {
  'evaluation.devicePress': event({
    data: z.object({ eventKey: z.string(), level: Level, at: z.string() }),
    doc: 'A level was pressed on the evaluation device while it showed the invitation for eventKey (the screen records it with channel "device").',
  }),
  'evaluation.recorded': event({
    data: z.object({ eventKey: z.string(), channel: EvaluationChannel, level: Level, caseNo: z.string() }),
    doc: 'A rating of eventKey was stored: any other channel still showing it stands down.',
  }),
};
