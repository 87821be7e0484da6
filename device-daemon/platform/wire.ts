import { z } from 'zod';
import { CaseStatus, RecordType, SubmissionKind } from '../../contract/api/submission';

// The platform HTTP contract (docs/platform-openapi.yaml) as zod schemas: the
// client checks every answer against them, and the test platform server
// checks every request. Keep the two files in step.

/** Path of each submission kind on the platform. */
export const SUBMIT_PATHS: Record<SubmissionKind, string> = {
  application: '/v1/applications',
  evaluation: '/v1/evaluations',
  complaint: '/v1/complaints',
  callStaff: '/v1/staff-calls',
};

export const SATISFACTION = ['veryDissatisfied', 'dissatisfied', 'basicallySatisfied', 'satisfied', 'verySatisfied'] as const;

const WireApplicant = z.object({
  cardKind: z.string(),
  name: z.string(),
  idNumber: z.string(),
});

/** Body of every POST /v1/<kind>. `data` is the kind's payload (evaluation levels as labels, not codes). */
export const WireSubmission = z.object({
  caseNo: z.string(),
  terminalId: z.string(),
  kind: SubmissionKind,
  /** 评价渠道 / 受理渠道: 5 = 政务大厅自助终端. */
  channel: z.literal(5),
  itemCode: z.string().nullable(),
  acceptedAt: z.string(),
  promisedDate: z.string().nullable(),
  provisional: z.boolean(),
  applicant: WireApplicant.nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type WireSubmission = z.infer<typeof WireSubmission>;

export const WireAck = z.object({
  caseNo: z.string(),
  platformRef: z.string().min(1),
  receivedAt: z.string(),
});
export type WireAck = z.infer<typeof WireAck>;

export const WireError = z.object({ code: z.string(), message: z.string() });
export type WireError = z.infer<typeof WireError>;

export const PlatformCaseStatus = CaseStatus.exclude(['submitted', 'needsStaff']);
export const WireCase = z.object({
  caseNo: z.string(),
  kind: SubmissionKind,
  itemCode: z.string().nullable(),
  acceptedAt: z.string(),
  promisedDate: z.string().nullable(),
  status: PlatformCaseStatus,
  events: z.array(z.object({ status: PlatformCaseStatus, at: z.string(), note: z.string().optional(), department: z.string().optional() })),
});
export type WireCase = z.infer<typeof WireCase>;

export const WireCaseSearch = z.object({ idNumber: z.string() });
export const WireCaseList = z.object({ cases: z.array(WireCase) });

export const WireRecordQuery = z.object({ recordType: RecordType, idNumber: z.string(), name: z.string() });
export const WireRecordSet = z.object({
  recordType: RecordType,
  title: z.object({ zh: z.string(), en: z.string() }),
  holder: z.object({ name: z.string(), idNumber: z.string() }),
  issuer: z.string(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  summary: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string(), value: z.union([z.string(), z.number()]) })),
  columns: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string() })),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
});
export type WireRecordSet = z.infer<typeof WireRecordSet>;

export const WireCatalog = z.object({ version: z.string(), items: z.array(z.unknown()) });
export type WireCatalog = z.infer<typeof WireCatalog>;
