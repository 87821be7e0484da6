import type { CaseProgress } from '../../../contract/api/submission';
import type { CatalogItem } from '../../../contract/catalog/catalog-schema';
import { ApiFailure } from '../../api/router';
import type { Logger } from 'pino';
import type { OpenStore } from '../../store/store-service';
import { caseProgress } from '../../store/progress';

/** A case in one of these states has ended: a new application for the item is a new matter. */
const ENDED: ReadonlySet<CaseProgress['status']> = new Set(['completed', 'rejected', 'posted']);

/**
 * The same person's still-open application for the same item, if any. The
 * person is matched by the store's keyed hash of the ID number (HMAC with
 * this terminal's secret, never the number itself) together with the item
 * code; a delivered case is open until the platform says it ended (when the
 * platform cannot be asked, it counts as open: the resident is shown it and
 * decides, rather than a second case being filed unseen).
 */
export async function openApplication(o: OpenStore, log: Logger, itemCode: string, applicantRef: string): Promise<CaseProgress | undefined> {
  const mine = o.store.submissions
    .findByApplicant(applicantRef)
    .filter((s) => s.kind === 'application' && s.itemCode === itemCode && s.state !== 'rejected')
    .sort((a, b) => b.acceptedAt - a.acceptedAt);
  for (const s of mine) {
    let remote: Awaited<ReturnType<typeof o.platform.progress>>;
    if (s.state === 'delivered') {
      try {
        remote = await o.platform.progress(s.caseNo);
      } catch (err) {
        log.warn({ caseNo: s.caseNo, err: (err as Error).message }, 'duplicate check: platform not reachable, the delivered case counts as open');
      }
    }
    const p = caseProgress(s, remote, o.store.submissions);
    if (!ENDED.has(p.status)) return p;
  }
  return undefined;
}

/** The resident is shown the open case: its number, date and state, and whether this item lets them file another. */
export function duplicateFailure(open: CaseProgress, item: CatalogItem): ApiFailure {
  return new ApiFailure('duplicateOpen', `an application for this item by this person is still open (${open.caseNo})`, {
    caseNo: open.caseNo,
    acceptedAt: open.acceptedAt,
    status: open.status,
    repeatAllowed: item.repeatAllowed === true,
  });
}
