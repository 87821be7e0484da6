import { z } from 'zod';
import { command, event } from './define';

// Commands and events of the printer capability (issue 4). The layout data
// schemas live here because both ends validate them: the UI builds the data,
// the daemon renders it (device-daemon/devices/printer/layouts/).

/** Printable text: one line of a form, no control characters (they would reach the printer as commands). */
const Line = (max = 200) =>
  z
    .string()
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed');
const Phone = z.string().regex(/^[0-9+\- ]{3,20}$/, 'expected a phone number');
const IsoTime = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();
const Url = z.url({ protocol: /^https?$/ }).max(300);

/**
 * The person a receipt is about. Sent whole, printed masked (contract/domain/mask.ts).
 * Only for technicians and tests: the kiosk UI never holds a full name or ID
 * number — resident receipts that name a person are composed in the daemon
 * (receipt.print for 受理回执 and complaint receipts, records.print for records).
 */
const ReceiptPerson = z
  .object({
    name: Line(40).min(1),
    idNumber: z.string().regex(/^[0-9A-Za-z]{6,20}$/, 'expected an identity document number'),
    phone: Phone.optional(),
  })
  .strict();

/** 受理回执. The UI prints it with receipt.print { caseNo } (composed in the daemon), not with this layout. */
export const AcceptanceReceiptData = z
  .object({
    caseNo: z.string().regex(/^[A-Z0-9-]{8,40}$/, 'expected a case number'),
    itemName: Line(80).min(1),
    itemCode: Line(40).optional(),
    department: Line(60).optional(),
    applicant: ReceiptPerson,
    submittedAt: IsoTime,
    /** Absent when the item promises no fixed time (按批次制发 …): promiseText is printed instead. */
    promisedDate: IsoDate.optional(),
    /** The item's time limit in words, printed when there is no promised date. */
    promiseText: Line(80).optional(),
    /** The promised date is computed from the calendar but not yet confirmed by the department: printed with 预计. */
    promisedProvisional: z.boolean().default(false),
    materialsToBring: z.array(Line(120).min(1)).max(20).default([]),
    /** detail of a post delivery is an address: printed only up to the county/district (河南省郑州市金水区****). */
    delivery: z.object({ method: z.enum(['pickup', 'post', 'electronic']), detail: Line(120).optional() }).strict(),
    /** Default: config links.progressUrlTemplate with the case number. */
    progressUrl: Url.optional(),
    /** Default: config links.evaluationUrlTemplate with the case number. */
    evaluationUrl: Url.optional(),
    /** Default: config site.phones.supervision. */
    supervisionPhone: Phone.optional(),
  })
  .strict();

export const OneTimeNoticeData = z
  .object({
    itemName: Line(80).min(1),
    itemCode: Line(40).optional(),
    materials: z
      .array(
        z
          .object({
            name: Line(120).min(1),
            originals: z.number().int().min(0).max(20),
            copies: z.number().int().min(0).max(20),
            note: Line(120).optional(),
          })
          .strict(),
      )
      .max(40),
    // Days are null where the guide states no number (no legal limit, 即办 …); the guide's wording is printed then.
    timeLimit: z
      .object({
        legalDays: z.number().int().min(0).max(365).nullable(),
        promisedDays: z.number().int().min(0).max(365).nullable(),
        workingDays: z.boolean().default(true),
        legalText: Line(120).optional(),
        promisedText: Line(120).optional(),
      })
      .strict(),
    fees: Line(120).min(1),
    where: z
      .array(z.object({ place: Line(80).min(1), address: Line(120).optional(), hours: Line(80).optional() }).strict())
      .min(1)
      .max(5),
    phones: z.object({ consultation: Phone, supervision: Phone }).strict().optional(),
    /** Default: config links.guideUrlTemplate with the item code. */
    guideUrl: Url.optional(),
    issuedAt: IsoTime,
  })
  .strict();

/** A printed record (参保证明 …). The UI prints it with records.print { recordType } (composed in the daemon), not with this layout. */
export const QueryResultData = z
  .object({
    title: Line(40).min(1),
    person: ReceiptPerson,
    rows: z
      .array(z.object({ label: Line(40).min(1), value: Line(200) }).strict())
      .min(1)
      .max(60),
    issuedAt: IsoTime,
    issuer: Line(80).optional(),
    verifyCode: z
      .string()
      .regex(/^[A-Z0-9-]{4,40}$/)
      .optional(),
    verifyUrl: Url,
  })
  .strict();

export const ComplaintReceiptData = z
  .object({
    complaintNo: z.string().regex(/^[A-Z0-9-]{4,40}$/, 'expected a complaint number'),
    category: Line(40).min(1),
    submittedAt: IsoTime,
    promise: Line(200).min(1),
    phone: Phone,
    contact: z
      .object({ name: Line(40).optional(), phone: Phone.optional() })
      .strict()
      .optional(),
  })
  .strict();

/** 预审结果: advisory, no personal data at all (the UI builds it from the catalog and the resident's answers). */
export const PrecheckResultData = z
  .object({
    itemName: Line(80).min(1),
    itemCode: Line(40).optional(),
    outcome: z.enum(['eligible', 'ineligible', 'checkAtWindow']),
    /** Messages of the conditions that do not hold (or need staff). */
    reasons: z.array(Line(200).min(1)).max(20).default([]),
    missingMaterials: z.array(Line(120).min(1)).max(30).default([]),
    where: z
      .array(z.object({ place: Line(80).min(1), address: Line(120).optional(), hours: Line(80).optional() }).strict())
      .min(1)
      .max(5),
    phones: z.object({ consultation: Phone, supervision: Phone }).strict().optional(),
    /** Default: config links.guideUrlTemplate with the item code. */
    guideUrl: Url.optional(),
    issuedAt: IsoTime,
    /** A closing remark (e.g. which answers staff will check); printed as given. */
    note: Line(200).optional(),
  })
  .strict();

export const TestPageData = z.object({ note: Line(80).optional() }).strict();

const JobId = z.string().regex(/^pj-[0-9a-z-]{4,40}$/);
/**
 * Optional on every print request: this job is a further copy of an earlier
 * job of the session and is printed marked 【补打】 (receipt.print uses it
 * for every copy after the first completed one).
 */
const ReprintOf = JobId.optional();

export const PrintRequest = z.discriminatedUnion('layout', [
  z.object({ layout: z.literal('acceptanceReceipt'), data: AcceptanceReceiptData, reprintOf: ReprintOf }).strict(),
  z.object({ layout: z.literal('oneTimeNotice'), data: OneTimeNoticeData, reprintOf: ReprintOf }).strict(),
  z.object({ layout: z.literal('queryResult'), data: QueryResultData, reprintOf: ReprintOf }).strict(),
  z.object({ layout: z.literal('complaintReceipt'), data: ComplaintReceiptData, reprintOf: ReprintOf }).strict(),
  z.object({ layout: z.literal('precheckResult'), data: PrecheckResultData, reprintOf: ReprintOf }).strict(),
  z.object({ layout: z.literal('testPage'), data: TestPageData, reprintOf: ReprintOf }).strict(),
]);
export type PrintRequest = z.infer<typeof PrintRequest>;
export type PrintRequestInput = z.input<typeof PrintRequest>;
export type LayoutName = PrintRequest['layout'];
export const LAYOUT_NAMES = ['acceptanceReceipt', 'oneTimeNotice', 'queryResult', 'complaintReceipt', 'precheckResult', 'testPage'] as const satisfies readonly LayoutName[];

const PRINT_JOB_STATES = ['queued', 'checking', 'sending', 'awaitingCompletion', 'done', 'failed'] as const;
const PrintJobState = z.enum(PRINT_JOB_STATES);
const PRINT_FAILURE_CODES = ['paperOut', 'coverOpen', 'cutterError', 'offline', 'timeout', 'noDevice', 'hardwareError'] as const;
const PrintFailureCode = z.enum(PRINT_FAILURE_CODES);

export const PrintJobResult = z.object({
  jobId: JobId,
  state: PrintJobState,
  layout: z.string(),
  /** This job is the 补打 (reprint) of another. */
  reprintOf: z.string().optional(),
  bytes: z.number().int(),
  paperMm: z.number(),
});

const RenderedJob = z.object({
  receivedAt: z.string(),
  /** Text lines in print order, decoded per the printer's encoding. */
  lines: z.array(z.string()),
  qr: z.array(z.string()),
  images: z.number().int(),
  cuts: z.number().int(),
  /** The job stopped before its end (paper out, cover open, buffer cleared). */
  incomplete: z.boolean(),
  warnings: z.array(z.string()),
  paperMm: z.number(),
  svg: z.string().optional(),
});
export type RenderedJobSummary = z.infer<typeof RenderedJob>;

export const printerCommands = {
  'printer.print': command({
    args: PrintRequest,
    result: PrintJobResult,
    doc: 'Print a receipt layout (受理回执, 一次性告知单, query result, complaint receipt, 预审结果, test page). The kiosk UI uses it only for layouts without personal data (oneTimeNotice, precheckResult); documents that name a person are composed by the daemon: receipt.print (受理回执, complaint receipt) and records.print (records) — the person fields here are for technicians and tests. reprintOf marks the job 【补打】 of an earlier job. Completes when the printer confirms every byte (GS r), or fails with paperOut/coverOpen/cutterError/offline/timeout/noDevice.',
  }),
  'printer.reprint': command({
    args: z.object({ jobId: JobId }).strict(),
    result: PrintJobResult,
    doc: 'Print a finished job once more, marked 补打; a second reprint of the same job fails with reprintNotAllowed.',
  }),
  'printer.testPage': command({
    args: z.object({}).strict(),
    result: PrintJobResult,
    doc: 'Print the test page: status, profile, encoding line, QR, cut.',
  }),
  'printer.lastJobs': command({
    args: z.object({ limit: z.number().int().min(1).max(20).default(5), svg: z.boolean().default(false) }).strict(),
    result: z.object({ jobs: z.array(RenderedJob) }),
    doc: 'Simulated printer only: the last jobs the emulator rendered (text lines, QR payloads, cuts, optional SVG), newest last.',
  }),
};

export const printerEvents = {
  'printer.job': event({
    data: z.object({ jobId: JobId, state: PrintJobState, code: PrintFailureCode.optional(), reprintOf: z.string().optional() }),
    doc: 'A print job changed state (queued → checking → sending → awaitingCompletion → done | failed with a code).',
  }),
};
