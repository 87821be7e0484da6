import { ApiFailure } from '../../api/router';
import type { Clock } from '../../clock';
import type { StoreService } from '../../store/store-service';
import { submitAnswer, type SubmitResult } from './submit-answer';

/**
 * How long after its acceptance a case can be learnt by its key: a page
 * waiting for a restarted daemon (a crash, a power cut and a reboot) asks
 * within minutes; an older key belongs to a resident who has long gone.
 */
export const OUTCOME_WINDOW_MS = 30 * 60_000;

/**
 * submission.outcome: the case committed with this idempotency key, for the
 * page whose answer was lost (the link or the daemon went down between the
 * commit and the answer). The case joins the session's cases, so its receipt
 * can be printed (receipt.print decides original or 补打 from the copies that
 * may have come out).
 *
 * Answered only to the page that holds the key, without a further binding:
 * the key is a random UUID (122 random bits, crypto.randomUUID) the page made
 * for this one submission and sent only on its own token-admitted loopback
 * socket; it is never shown, printed or logged by the daemon, and the answer
 * (case number, dates) carries no personal data. Knowing it is proof of
 * being the page that submitted: it cannot be guessed, and a page that did
 * not send the submission has no way to learn it. The same key already
 * answers the same case to a resend of the submission; this asks without
 * resending, so it can never create one.
 */
export function outcomeByKey(deps: { store: StoreService; clock: Clock; sessionCases: Set<string> }, key: string): SubmitResult {
  const s = deps.store.run((o) => o.store.submissions.findByKey(key));
  if (!s || deps.clock.now() - s.acceptedAt > OUTCOME_WINDOW_MS) {
    throw new ApiFailure('notFound', 'nothing was committed with this idempotency key: the submission was not accepted (sending it again with the same key cannot make a second case)');
  }
  deps.sessionCases.add(s.caseNo);
  return submitAnswer(s, true);
}
