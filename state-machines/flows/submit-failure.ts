/**
 * What a failed submission.submit tells the journey. After a failure whose
 * outcome is unknown (timeout, daemon gone, store unavailable) the first send
 * may have been stored: the only way on is a resend of the same content with
 * the same key, which the daemon answers with that case. Only when the daemon
 * refused the content (`invalidArgs`: nothing stored under the key) may the
 * resident change the answers, so one submission is always one case.
 */
export const contentRefused = (code: string | undefined): boolean => code === 'invalidArgs';

/** The same person's open application for the same item, as the daemon names it when it refuses another (duplicateOpen). */
export interface OpenCase {
  caseNo: string;
  acceptedAt: string;
  status: string;
  /** The item allows a second application once the resident has seen this one. */
  repeatAllowed: boolean;
}

/** The open case a duplicateOpen refusal carries; undefined for any other failure. */
export function openCaseOf(error: unknown): OpenCase | undefined {
  const e = error as { code?: unknown; detail?: Partial<OpenCase> } | null | undefined;
  const d = e?.detail;
  if (e?.code !== 'duplicateOpen' || typeof d?.caseNo !== 'string') return undefined;
  return { caseNo: d.caseNo, acceptedAt: String(d.acceptedAt ?? ''), status: String(d.status ?? ''), repeatAllowed: d.repeatAllowed === true };
}
