import type { CaseProgress, CaseStatus } from '../../contract/api/submission';
import type { WireCase } from '../platform/wire';
import { chinaIso } from '../../contract/domain/china-time';
import type { Submission, SubmissionStore } from './submissions';

/** Plain words for each step; the UI maps the code to its own locale strings, these are the fallback and what technicians read. */
const STATUS_WORDS: Record<CaseStatus, { zh: string; en: string }> = {
  submitted: { zh: '已提交，等待上传', en: 'Submitted at the terminal, waiting to be sent' },
  received: { zh: '已受理', en: 'Received' },
  reviewing: { zh: '审核中', en: 'Under review' },
  materialsRequested: { zh: '需补充材料', en: 'More materials needed' },
  approved: { zh: '审核通过', en: 'Approved' },
  readyForPickup: { zh: '可到窗口领取', en: 'Ready for pickup at the window' },
  posted: { zh: '已寄出', en: 'Posted' },
  completed: { zh: '已办结', en: 'Completed' },
  rejected: { zh: '未通过', en: 'Not accepted' },
  needsStaff: { zh: '待工作人员处理', en: 'Waiting for staff' },
};

const entry = (status: CaseStatus, at: string, note?: string, department?: string) => ({ status, at, ...STATUS_WORDS[status], ...(note ? { note } : {}), ...(department ? { department } : {}) });

/**
 * One case's timeline: what the terminal knows (accepted, waiting, parked)
 * followed by what the platform reports (received → reviewing → completed).
 * At least one of local / remote is given.
 */
export function caseProgress(local: Submission | undefined, remote: WireCase | undefined, store: Pick<SubmissionStore, 'attempts'>): CaseProgress {
  const timeline: CaseProgress['timeline'] = [];
  if (local) {
    timeline.push(entry('submitted', chinaIso(local.acceptedAt)));
    if (local.state === 'rejected' || local.state === 'needsStaff') {
      const last = store.attempts(local).at(-1);
      timeline.push(entry(local.state, chinaIso(last?.at ?? local.acceptedAt), local.state === 'rejected' ? (last?.message ?? undefined) : undefined));
    }
  }
  if (remote) {
    for (const e of remote.events) timeline.push(entry(e.status, e.at, e.note, e.department));
  } else if (local?.state === 'delivered' && local.deliveredAt !== null) {
    // Delivered, but the platform's answer is not at hand (link down): its acknowledgement is still a fact.
    timeline.push(entry('received', chinaIso(local.deliveredAt)));
  }
  const any = (local ?? remote)!;
  return {
    caseNo: local?.caseNo ?? remote!.caseNo,
    kind: any.kind,
    itemCode: local ? local.itemCode : remote!.itemCode,
    acceptedAt: local ? chinaIso(local.acceptedAt) : remote!.acceptedAt,
    promisedDate: local ? local.promisedDate : remote!.promisedDate,
    provisional: local ? local.provisional : false,
    status: timeline.at(-1)!.status,
    timeline,
  };
}
