import { z } from 'zod';
import { command, event } from './define';
import { ComplaintCategoryId, RecordType } from '../catalog/catalog-schema';

// Submissions (applications, evaluations, complaints, call-staff requests),
// case progress, record queries and the outbox. The UI never sends or receives
// a full ID number: the daemon attaches the applicant from the card reader's
// session record and answers masked values only.

export const SUBMISSION_KINDS = ['application', 'evaluation', 'complaint', 'callStaff'] as const;
export const SubmissionKind = z.enum(SUBMISSION_KINDS);
export type SubmissionKind = z.infer<typeof SubmissionKind>;

const ItemCode = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected an item code (letters, digits, . _ -)');
/** Case numbers are checked by the handler (format, check character) for a precise message. */
const CaseNoText = z.string().min(1).max(64);
const Mobile = z.string().regex(/^1[3-9]\d{9}$/, 'expected an 11-digit mainland mobile number');
const Text = (max: number) => z.string().trim().min(1).max(max);

/** Form answers keyed by the item's field ids. */
export const Answers = z.record(z.string().max(64), z.union([z.string().max(2000), z.number(), z.boolean(), z.array(z.string().max(200)).max(50)]));
export type Answers = z.infer<typeof Answers>;

/** How each material of the item is provided. */
export const MaterialsProvided = z
  .array(
    z
      .object({
        code: z.string().max(64),
        /** onSite: has it, hands it over at the window; later: will bring it; post: will post it to the department. */
        provided: z.enum(['onSite', 'electronicLicence', 'sharedData', 'notRequired', 'later', 'post']),
      })
      .strict(),
  )
  .max(50);
export type MaterialsProvided = z.infer<typeof MaterialsProvided>;

const ApplicationPayload = z
  .object({
    answers: Answers,
    materials: MaterialsProvided,
    /** How the result reaches the applicant (送达方式). */
    delivery: z.union([
      z.object({ method: z.literal('pickup') }).strict(),
      z.object({ method: z.literal('electronic') }).strict(),
      z.object({ method: z.literal('post'), address: Text(200) }).strict(),
      // The daemon takes the address from the card read in this session (the UI never holds it).
      z.object({ method: z.literal('post'), addressFrom: z.literal('card') }).strict(),
    ]),
    /** Staff helped at the terminal (帮办代办): the daemon sets it (and `assistedBy`) from the assistant signed in for the session, whatever the page sends. */
    assisted: z.boolean(),
    contactPhone: Mobile.optional(),
  })
  .strict();

/** 好差评 levels; 5 = 非常满意 … 1 = 非常不满意 (the platform gets labels, never bare codes). */
export const EVALUATION_LEVELS = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' } as const;

export const ComplaintPayload = z
  .object({
    category: ComplaintCategoryId,
    relatedCaseNo: CaseNoText.optional(),
    text: Text(1000),
    callbackPhone: Mobile.optional(),
  })
  .strict();

const CallStaffPayload = z
  .object({
    reason: z.enum(['help', 'accessibility', 'deviceFault', 'identityProblem', 'other']),
    note: z.string().trim().max(200).optional(),
  })
  .strict();

const base = {
  /** UI-generated UUID per submission: a resend after a reconnect returns the same case. */
  idempotencyKey: z.uuid(),
  /** 'sessionCard': attach the identity from the card read in this session. */
  applicant: z.literal('sessionCard').optional(),
};

/**
 * A rating (好差评) is not submitted here: evaluation.rate keeps it to one per
 * service event. The promised date is never sent by the page: the daemon computes it from the catalog item's time limit (applications) or the 有诉即办 rule (complaints) and the holiday calendar, and checks an application against its item. */
export const SubmitArgs = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('application'),
      ...base,
      itemCode: ItemCode,
      payload: ApplicationPayload,
      /** The open case of the same item the resident was shown and chose to go past (items that allow more than one only). */
      repeatOf: z.string().min(1).max(40).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('complaint'), ...base, itemCode: ItemCode.optional(), payload: ComplaintPayload }).strict(),
  z.object({ kind: z.literal('callStaff'), ...base, payload: CallStaffPayload }).strict(),
]);
export type SubmitArgs = z.infer<typeof SubmitArgs>;

const IsoTime = z.string();
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const SubmitResult = z.object({
  caseNo: z.string(),
  acceptedAt: IsoTime,
  /** Promised completion date (working days, China holiday calendar); null when the kind has none. */
  promisedDate: IsoDay.nullable(),
  /** The calendar lacked a year: show 预计 with the date. */
  provisional: z.boolean(),
  /** True when this idempotency key was already accepted: the earlier case is answered. */
  duplicate: z.boolean(),
});

/** Timeline codes; the UI has its own strings, zh/en are given for technicians and as a fallback. */
/**
 * materialsRequested … posted are the steps staff record when the terminal is
 * its own office (embedded platform): sent back for materials, approved, ready
 * for pickup at the window, posted to the applicant.
 */
const CASE_STATUSES = ['submitted', 'received', 'reviewing', 'materialsRequested', 'approved', 'readyForPickup', 'posted', 'completed', 'rejected', 'needsStaff'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** `department`: who took the step (the item's department), when the platform says. */
const TimelineEntry = z.object({ status: CaseStatus, at: IsoTime, zh: z.string(), en: z.string(), note: z.string().optional(), department: z.string().optional() });

export const CaseProgress = z.object({
  caseNo: z.string(),
  kind: SubmissionKind,
  itemCode: z.string().nullable(),
  acceptedAt: IsoTime,
  promisedDate: IsoDay.nullable(),
  provisional: z.boolean(),
  status: CaseStatus,
  timeline: z.array(TimelineEntry),
  /** The catalog item's name, when the case is an application for an item this terminal's catalog knows. */
  service: z.object({ zh: z.string(), en: z.string() }).nullable().optional(),
  /** Who holds the case now: the department of its latest step, else the item's department. */
  department: z.object({ zh: z.string(), en: z.string().optional() }).nullable().optional(),
});
export type CaseProgress = z.infer<typeof CaseProgress>;

export { RECORD_TYPES, RecordType } from '../catalog/catalog-schema';

export const RecordSet = z.object({
  recordType: RecordType,
  title: z.object({ zh: z.string(), en: z.string() }),
  /** The person, masked as everywhere in the UI (林**, 4104**********0023); a printed certificate is composed in the daemon. */
  holder: z.object({ maskedName: z.string(), maskedIdNumber: z.string() }),
  issuer: z.string(),
  asOf: IsoDay,
  summary: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string(), value: z.union([z.string(), z.number()]) })),
  columns: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string() })),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
});
export type RecordSet = z.infer<typeof RecordSet>;

const PerKind = z.object({ application: z.int(), evaluation: z.int(), complaint: z.int(), callStaff: z.int() });

export const OutboxStatus = z.object({
  store: z.enum(['ok', 'unavailable']),
  platform: z.object({ mode: z.enum(['embedded', 'http']), link: z.enum(['up', 'down', 'unknown']) }),
  /** Submissions waiting for delivery, per kind. */
  depth: PerKind,
  total: z.int(),
  /** Age of the oldest undelivered submission, seconds; null when the queue is empty. */
  oldestAgeSec: z.number().nullable(),
  /** Submissions the platform refused for good (rejected) or that need a person (needsStaff). */
  parked: z.object({ rejected: z.int(), needsStaff: z.int() }),
  lastError: z.object({ at: IsoTime, caseNo: z.string(), code: z.string(), message: z.string() }).nullable(),
});
export type OutboxStatus = z.infer<typeof OutboxStatus>;

export const submissionCommands = {
  'submission.submit': command({
    args: SubmitArgs,
    result: SubmitResult,
    doc: 'Accept an application, complaint or call-staff request (a rating is evaluation.rate): committed to disk with its case number before this answers; delivered to the platform later.',
  }),
  'submission.outcome': command({
    args: z.object({ idempotencyKey: z.uuid() }).strict(),
    result: SubmitResult,
    doc: 'What became of a submission whose answer the page did not get (the link or the daemon went down while it was sent): the case committed with this idempotency key, answered as a resend is (duplicate: true) and taken into this session so its receipt can be printed (receipt.print: the original, or its 【补打】 if a copy may already have come out). notFound: nothing was committed with this key in the last 30 minutes, so nothing was accepted — sending the same submission again with the same key cannot make a second case. Only the page that generated the key knows it; the answer holds no personal data.',
  }),
  'case.progress': command({
    args: z.union([z.object({ caseNo: CaseNoText }).strict(), z.object({ byCard: z.literal(true) }).strict()]),
    result: z.object({ cases: z.array(CaseProgress) }),
    doc: 'Progress of a case by its number (typed or scanned), or of every case of the person whose card was read.',
  }),
  'records.query': command({
    args: z.object({ recordType: RecordType }).strict(),
    result: RecordSet,
    doc: 'Records (参保证明, 养老金领取) of the person whose card was read in this session.',
  }),
  'outbox.status': command({
    args: z.object({}).strict(),
    result: OutboxStatus,
    doc: 'Delivery queue: depth per kind, oldest age, parked submissions, last error.',
  }),
};

export const submissionEvents = {
  'submission.accepted': event({
    data: z.object({ caseNo: z.string(), kind: SubmissionKind, itemCode: z.string().nullable(), acceptedAt: IsoTime, promisedDate: IsoDay.nullable(), provisional: z.boolean() }),
    doc: 'A submission was committed with its case number.',
  }),
  'staff.called': event({
    data: z.object({ caseNo: z.string(), reason: CallStaffPayload.shape.reason, note: z.string().optional(), at: IsoTime }),
    doc: 'A resident asked for staff at this terminal (the request is recorded and delivered like any submission).',
  }),
  'outbox.status': event({ data: OutboxStatus, doc: 'The delivery queue changed (depth, parked, last error).' }),
};
