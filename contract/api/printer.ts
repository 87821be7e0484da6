import { z } from 'zod';
import { command, event } from './define';

// Commands and events of the printer capability. The layout data schemas
// describe the documents the daemon composes itself (receipts from the stored
// submission, records from the platform, the notice from its catalog, the
// pre-check slip) and checks before they reach the printer; the CLI renders
// them too (`kioskctl escpos layout --data`). A page never sends layout data:
// printer.print takes only what PagePrintArgs allows.

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
 * The person a receipt is about, printed masked (contract/domain/mask.ts).
 * Filled by the daemon only, from the stored submission or the platform's
 * answer (receipt.print, records.print): the kiosk UI never holds a full name
 * or ID number, and no page can put one on paper.
 */
const ReceiptPerson = z
  .object({
    name: Line(40).min(1),
    idNumber: z.string().regex(/^[0-9A-Za-z]{6,20}$/, 'expected an identity document number'),
    phone: Phone.optional(),
  })
  .strict();

/** 受理回执, composed by the daemon for receipt.print { caseNo }. */
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
    /** 帮办代办: the staff number of the assistant who handled the application for the resident (printed, with the mode). */
    assistedBy: z
      .string()
      .regex(/^[A-Za-z0-9]{3,16}$/)
      .optional(),
    /** For a resident using English: the receipt is printed in Chinese, then in English below (itemNameEn is the item's English name). */
    english: z
      .object({ itemName: Line(120).min(1) })
      .strict()
      .optional(),
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
    /** For a resident using English: the item and materials in English below the Chinese (null: the catalog has no English for it). */
    english: z
      .object({ itemName: Line(120).min(1), materials: z.array(Line(120).nullable()).max(40) })
      .strict()
      .optional(),
  })
  .strict();

/** A printed record (参保证明 …), composed by the daemon for records.print { recordType }. */
export const QueryResultData = z
  .object({
    title: Line(40).min(1),
    person: ReceiptPerson,
    /**
     * A certificate printed for its holder (参保证明): the name and ID number in
     * full, as the issuing office's own certificate carries them (a receiving
     * office may refuse a masked one). Otherwise both are printed masked.
     */
    holderCertificate: z.boolean().default(false),
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

/** 预审结果: advisory, no personal data at all (composed by the daemon for precheck.print). */
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
    /** For a resident using English: the same findings in English below the Chinese (null: no English text in the catalog; the Chinese line above stands). */
    english: z
      .object({ itemName: Line(120).min(1), reasons: z.array(Line(200).nullable()).max(20), missingMaterials: z.array(Line(120).nullable()).max(30) })
      .strict()
      .optional(),
    /** A closing remark (e.g. which answers staff will check); printed as given. */
    note: Line(200).optional(),
  })
  .strict();

export const TestPageData = z.object({ note: Line(80).optional() }).strict();

const JobId = z.string().regex(/^pj-[0-9a-z-]{4,40}$/);
/**
 * Optional on every document: this job is a further copy of an earlier job
 * and is printed marked 【补打】 (receipt.print sets it for every copy after
 * one that came out, or may have).
 */
const ReprintOf = JobId.optional();

/** A document the daemon composed, as the printer path checks and renders it. Never accepted from a page. */
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

/**
 * What a page may print: the one-time notice of a catalog item (the daemon
 * composes it from its catalog and the site config, guide URL included) and
 * the test page. Anything that names a person, carries a case number or a
 * verify URL is composed by the daemon from what it holds (receipt.print,
 * records.print, precheck.print), so a page cannot forge one.
 */
export const PagePrintArgs = z.discriminatedUnion('layout', [
  z.object({ layout: z.literal('oneTimeNotice'), itemId: z.string().min(1).max(64), locale: z.enum(['zh-CN', 'en']).optional() }).strict(),
  z.object({ layout: z.literal('testPage') }).strict(),
]);
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
    args: PagePrintArgs,
    result: PrintJobResult,
    doc: 'Print what a page may print: the 一次性告知单 of a catalog item ({ layout: "oneTimeNotice", itemId }, composed by the daemon from its catalog and the site config) or the test page. Documents that name a person, carry a case number or a verify URL are composed by the daemon only: receipt.print (受理回执, complaint receipt), records.print (records), precheck.print (预审结果). notFound for an unknown item. Completes when the printer confirms every byte (GS r), or fails with paperOut/coverOpen/cutterError/offline/timeout/noDevice and { jobId, outcome } in the detail (outcome "unknown": every byte reached the printer and it never said it stopped, so the page may have come out; "incomplete": no whole page did).',
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
