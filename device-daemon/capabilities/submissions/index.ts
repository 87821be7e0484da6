import type { SubmitArgs } from '../../../contract/api/submission';
import { chinaIso } from '../../../contract/domain/china-time';
import { maskIdNumber } from '../../../contract/domain/mask';
import { ApiFailure } from '../../api/router';
import { COMPLAINT_RESPONSE, promisedDate } from '../../calendar/promise-rules';
import type { Capability, CapabilityContext } from '../../capability';
import type { StoredPayload } from '../../platform/sync-worker';
import { IdempotencyConflict, type Submission } from '../../store/submissions';
import { answering, answeringSync } from '../failures';
import { requireIdentity, type Identity } from '../session-person';
import { applicationItem } from './application';
import { consentNeeded } from './consent-needed';
import { duplicateFailure, openApplication } from './open-duplicate';
import { outcomeByKey } from './outcome-by-key';
import { hashRequest } from './request-hash';
import { submitAnswer as answer, type SubmitResult } from './submit-answer';
import { createStopPoints } from './test-stop-point';
import { wireData } from './wire-data';

/**
 * submission.submit: an application, evaluation, complaint or call-staff
 * request is committed to the outbox with its case number and promised date
 * before this answers (events submission.accepted, staff.called); the sync
 * worker delivers it later. The applicant and the card address come from the
 * card read in this session, never from the page, and only with the
 * resident's consent recorded for the session (consent-needed.ts); a resend
 * with the same idempotency key answers the same case, and a page that lost
 * the answer (a crash between the commit and the answer) learns the case by
 * that key with submission.outcome (outcome-by-key.ts).
 */
export function createSubmissionsCapability(ctx: CapabilityContext): Capability {
  const { config, log, router, bus, services } = ctx;
  const { store, catalog, calendar, sessionCard, sessionCases, consent, clock } = services;

  const stopPoints = createStopPoints(log);

  /** 帮办代办 is what the daemon knows (an assistant signed in and handling this session), never what the page says. */
  const assistedBy = (): { assisted: boolean; assistedBy?: string } => {
    const a = services.staffOnTerminal.assistant();
    return a ? { assisted: true, assistedBy: a.staffNo } : { assisted: false };
  };

  /** What is stored: the applicant from the card, the kind's data, a post address taken from the card when asked for. */
  const payloadOf = (args: SubmitArgs, id: Identity | undefined): StoredPayload => {
    const data = wireData(args, services.store.isDemo());
    if (args.kind === 'application' && 'addressFrom' in args.payload.delivery) {
      const address = sessionCard.sessionCard()?.postalAddress;
      if (!address) throw new ApiFailure('noSession', 'delivery by post to the card address needs a card with an address read in this session');
      (data as { delivery: unknown }).delivery = { method: 'post', address };
    }
    if (args.kind === 'application') Object.assign(data, assistedBy());
    return { applicant: id ? { cardKind: id.kind, name: id.name, idNumber: id.idNumber } : null, data };
  };

  const announce = (s: Submission, args: SubmitArgs, missingYears: number[]): void => {
    log.info({ caseNo: s.caseNo, kind: s.kind, itemCode: s.itemCode, applicant: s.applicantMasked, provisional: s.provisional }, 'submission accepted');
    if (s.provisional) log.warn({ caseNo: s.caseNo, missingYears }, 'promised date is provisional: the holiday calendar lacks a year');
    ctx.emit('submission.accepted', { caseNo: s.caseNo, kind: s.kind, itemCode: s.itemCode, acceptedAt: chinaIso(s.acceptedAt), promisedDate: s.promisedDate, provisional: s.provisional });
    if (args.kind === 'callStaff') {
      ctx.emit('staff.called', { caseNo: s.caseNo, reason: args.payload.reason, ...(args.payload.note ? { note: args.payload.note } : {}), at: chinaIso(s.acceptedAt) });
    }
    const assistant = args.kind === 'application' ? services.staffOnTerminal.assistant() : undefined;
    if (assistant) bus.emit('audit', { action: 'submission.assisted', detail: { caseNo: s.caseNo, staffNo: assistant.staffNo } });
    bus.emit('submissionStored', s.kind);
  };

  const submit = (args: SubmitArgs): SubmitResult => {
    const requestHash = hashRequest(args);
    const seen = store.run((o) => o.store.submissions.findByKey(args.idempotencyKey));
    if (seen) {
      if (seen.requestHash !== requestHash) throw conflict();
      sessionCases.add(seen.caseNo);
      return answer(seen, true);
    }
    const id = args.kind === 'application' || args.applicant === 'sessionCard' ? requireIdentity(sessionCard, `this ${args.kind}`) : undefined;
    const purpose = consentNeeded(args);
    if (purpose && !consent.has(purpose)) {
      throw new ApiFailure('consentRequired', `this ${args.kind} carries personal data: the resident's consent (${purpose}) must be recorded in this session first (consent.record)`);
    }
    const acceptedAt = clock.now();
    const rule = args.kind === 'application' ? applicationItem(catalog, args, acceptedAt).timeLimit : args.kind === 'complaint' ? COMPLAINT_RESPONSE : undefined;
    const payload = payloadOf(args, id);
    const due = rule ? promisedDate(rule, acceptedAt, calendar.get()) : null;
    const accept = () =>
      store.run((o) =>
        o.store.submissions.accept({
          terminalId: config.terminalId,
          kind: args.kind,
          idempotencyKey: args.idempotencyKey,
          requestHash,
          itemCode: 'itemCode' in args ? (args.itemCode ?? null) : null,
          payload,
          ...(id ? { applicant: { ref: o.store.applicantRef(id.idNumber), masked: maskIdNumber(id.idNumber) } } : {}),
          promised: due && { date: due.date, provisional: due.provisional },
          acceptedAt,
        }),
      );
    const r = (() => {
      try {
        return accept();
      } catch (err) {
        if (err instanceof IdempotencyConflict) throw conflict();
        throw err;
      }
    })();
    sessionCases.add(r.submission.caseNo);
    if (!r.duplicate) announce(r.submission, args, due?.missingYears ?? []);
    return answer(r.submission, r.duplicate);
  };

  /**
   * A second application by the same person for the same item while the first
   * is open is not filed unseen: the daemon answers duplicateOpen with that
   * case (its receipt may then be printed again in this session), and files
   * another only where the item allows it and the page names the case it was shown.
   */
  const refuseOpenDuplicate = async (args: SubmitArgs): Promise<void> => {
    if (args.kind !== 'application' || !config.applications.refuseOpenDuplicates) return;
    if (store.run((o) => o.store.submissions.findByKey(args.idempotencyKey))) return; // a resend answers its own case
    const id = requireIdentity(sessionCard, `this ${args.kind}`);
    const item = applicationItem(catalog, args, clock.now());
    const o = store.require();
    const open = await openApplication(o, log, args.itemCode, o.store.applicantRef(id.idNumber));
    if (!open) return;
    if (item.repeatAllowed === true && args.repeatOf === open.caseNo) return;
    sessionCases.add(open.caseNo);
    log.info({ caseNo: open.caseNo, itemCode: args.itemCode, status: open.status }, 'application refused: the same person has this item open');
    throw duplicateFailure(open, item);
  };

  return {
    name: 'submissions',
    start() {
      // The router hands over the parsed value (defaults applied); its Handler type names the input side.
      router.register('submission.submit', (input) =>
        answering(async () => {
          await refuseOpenDuplicate(input as SubmitArgs);
          const r = submit(input as SubmitArgs);
          await stopPoints.reached('submission.committed'); // crash tests only: see test-stop-point.ts
          return r;
        }),
      );
      router.register('submission.outcome', ({ idempotencyKey }) => answeringSync(() => outcomeByKey({ store, clock, sessionCases }, idempotencyKey)));
      ctx.addSessionWiper(() => {
        sessionCases.clear();
        return []; // the store keeps nothing of a session beyond its submissions
      });
    },
    stop() {},
  };
}

function conflict(): ApiFailure {
  return new ApiFailure('invalidArgs', 'this idempotencyKey was already used for a different submission; generate a new key for a new submission', {
    field: 'idempotencyKey',
  });
}
