import type { WireCase, WireCatalog, WireRecordSet, WireSubmission } from './wire';

/** What the platform does with a failure: the one place this is decided is error-policy.ts. */
export type Disposition = 'retry' | 'giveUp' | 'needsStaff';

export class PlatformError extends Error {
  constructor(
    readonly disposition: Disposition,
    /** Platform error code (VALIDATION_FAILED …) or a transport code (timeout, network, http503 …). */
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

export interface OutboundSubmission {
  idempotencyKey: string;
  body: WireSubmission;
  /** Keyed hash of the applicant's ID number (lets the embedded platform answer "my cases" without a second copy of the number in an index). */
  applicantRef: string | null;
}

export interface DeliveryAck {
  platformRef: string;
  /** The platform had already taken this idempotency key (a resend after a crash or a lost answer). */
  duplicate: boolean;
}

export type LinkState = 'up' | 'down' | 'unknown';

export interface PersonQuery {
  idNumber: string;
  name: string;
  applicantRef: string;
}

/**
 * The district platform as the terminal sees it. Two implementations: `http`
 * (the real platform) and `embedded` (this terminal is its own system of
 * record). The sync worker delivers through deliver() in both modes.
 */
export interface Platform {
  readonly mode: 'embedded' | 'http';
  /** Last known state of the link (http: from the last request). */
  link(): { state: LinkState; reason?: string };
  deliver(s: OutboundSubmission, signal?: AbortSignal): Promise<DeliveryAck>;
  /** undefined: the platform does not know the case (yet). */
  progress(caseNo: string): Promise<WireCase | undefined>;
  casesOf(person: PersonQuery): Promise<WireCase[]>;
  /** undefined: the person has no such record. */
  records(person: PersonQuery, recordType: WireRecordSet['recordType']): Promise<WireRecordSet | undefined>;
  /** 'notModified' when `since` is current. */
  catalog(since?: string): Promise<WireCatalog | 'notModified'>;
  /** Platforms that keep cases on this terminal (embedded) drop their personal part after the retention period. */
  purgePersonalData?(before: number): number;
}
