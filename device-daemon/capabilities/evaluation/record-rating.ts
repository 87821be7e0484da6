import type { CommandArgs, CommandResult } from '../../../contract/api';
import { ApiFailure } from '../../api/router';
import type { CapabilityContext } from '../../capability';
import { provincialCodes } from '../../platform/evaluation-codes';
import { AlreadyRated } from '../../store/evaluations';
import { IdempotencyConflict, type Submission } from '../../store/submissions';
import { hashRequest } from '../submissions/request-hash';
import type { ServiceEvent } from './event-keys';

export type RateArgs = Required<Pick<CommandArgs<'evaluation.rate'>, 'reasons'>> & Omit<CommandArgs<'evaluation.rate'>, 'reasons'>;
export type RateResult = CommandResult<'evaluation.rate'>;

/** 不满意 and 非常不满意 are 差评: a reason is required and the rating is followed up. */
const isPoor = (level: number) => level <= 2;

/** A rating's content is refused before anything is stored: reasons and a call-back phone belong to a 差评 only. */
function checkContent(args: RateArgs): void {
  if (isPoor(args.level) && args.reasons.length === 0) throw new ApiFailure('invalidArgs', 'a 差评 (不满意, 非常不满意) needs at least one reason', { field: 'reasons' });
  if (!isPoor(args.level) && (args.reasons.length > 0 || args.callbackPhone !== undefined)) {
    throw new ApiFailure('invalidArgs', 'reasons and a call-back phone belong to a 差评 only', { field: args.reasons.length ? 'reasons' : 'callbackPhone' });
  }
}

/**
 * Stores a rating of `event` (one per event): its outbox row (the kind
 * evaluation, delivered to the platform with the provincial codes) and its
 * evaluations row in one transaction, so a second rating of the same event,
 * from any channel, finds the first and is refused alreadyRated. A resend
 * with the same idempotency key answers the stored rating again.
 */
export function recordRating(ctx: CapabilityContext, event: ServiceEvent, args: RateArgs): { result: RateResult; stored?: Submission } {
  const { store, calendar, clock } = ctx.services;
  checkContent(args);
  const requestHash = hashRequest({ ...args, eventKey: event.eventKey });
  const seen = store.run((o) => {
    const s = o.store.submissions.findByKey(args.idempotencyKey);
    return s && { s, e: o.store.evaluations.forSubmission(s.id) };
  });
  if (seen) {
    if (seen.s.requestHash !== requestHash || !seen.e) throw conflict();
    return { result: { caseNo: seen.s.caseNo, eventKey: seen.e.eventKey, followUpDue: seen.e.followUpDue, duplicate: true } };
  }
  const ratedAt = clock.now();
  const due = isPoor(args.level) ? calendar.get().dueDate(ratedAt, ctx.config.evaluation.followUpWorkingDays) : null;
  const data = {
    ...provincialCodes({ level: args.level, channel: args.channel, reasons: args.reasons }),
    eventKey: event.eventKey,
    channel: args.channel,
    indicators: args.reasons,
    anonymous: true,
    followUpDue: due?.date ?? null,
    ...(event.caseNo ? { relatedCaseNo: event.caseNo } : {}),
    ...(args.callbackPhone ? { callbackPhone: args.callbackPhone } : {}),
  };
  try {
    const stored = store.run((o) =>
      o.store.db.transaction(() => {
        const existing = o.store.evaluations.find(event.eventKey);
        if (existing) throw new AlreadyRated(existing);
        const r = o.store.submissions.accept({
          terminalId: ctx.config.terminalId,
          kind: 'evaluation',
          idempotencyKey: args.idempotencyKey,
          requestHash,
          itemCode: event.itemCode ?? null,
          payload: { applicant: null, data },
          promised: due && { date: due.date, provisional: due.provisional },
          acceptedAt: ratedAt,
        });
        o.store.evaluations.record({ eventKey: event.eventKey, submissionId: r.submission.id, channel: args.channel, level: args.level, ratedAt, followUpDue: due?.date ?? null });
        return r.submission;
      })(),
    );
    return { result: { caseNo: stored.caseNo, eventKey: event.eventKey, followUpDue: due?.date ?? null, duplicate: false }, stored };
  } catch (err) {
    if (err instanceof AlreadyRated)
      throw new ApiFailure('alreadyRated', `this service was already rated (on the ${err.existing.channel}); each service is rated once`, { channel: err.existing.channel });
    if (err instanceof IdempotencyConflict) throw conflict();
    throw err;
  }
}

function conflict(): ApiFailure {
  return new ApiFailure('invalidArgs', 'this idempotencyKey was already used for a different submission; generate a new key for a new rating', { field: 'idempotencyKey' });
}
