import type { CommandResult } from '../../../contract/api';
import { chinaIso } from '../../../contract/domain/china-time';
import type { Submission } from '../../store/submissions';

export type SubmitResult = CommandResult<'submission.submit'>;

/** What the page is told of a stored submission: its case, never its content. */
export function submitAnswer(s: Submission, duplicate: boolean): SubmitResult {
  return { caseNo: s.caseNo, acceptedAt: chinaIso(s.acceptedAt), promisedDate: s.promisedDate, provisional: s.provisional, duplicate };
}
