import type { CaseStep } from '../../contract/api/staff';
import type { PlatformCaseStatus } from './wire';

type Status = (typeof PlatformCaseStatus.options)[number];

/**
 * A case worked at the terminal moves only along these steps: each step
 * names the statuses it may follow and the status it leads to. Accepting
 * again after materials were requested puts the case back under review.
 */
const STEPS: Record<CaseStep['step'], { from: readonly Status[]; to: Exclude<Status, 'received'> }> = {
  accept: { from: ['received', 'materialsRequested'], to: 'reviewing' },
  requestMaterials: { from: ['received', 'reviewing'], to: 'materialsRequested' },
  approve: { from: ['reviewing'], to: 'approved' },
  reject: { from: ['received', 'reviewing', 'materialsRequested'], to: 'rejected' },
  readyForPickup: { from: ['approved'], to: 'readyForPickup' },
  posted: { from: ['approved'], to: 'posted' },
};

/** The status a step leads to from `current`, or why the step does not follow it. */
export function nextStatus(current: Status, step: CaseStep): { ok: true; to: Exclude<Status, 'received'> } | { ok: false; message: string } {
  const rule = STEPS[step.step];
  if (!rule.from.includes(current)) return { ok: false, message: `a case that is ${current} cannot take the step ${step.step} (it follows ${rule.from.join(' or ')})` };
  return { ok: true, to: rule.to };
}

/** What the timeline says beside the status: the missing materials, the reason of a refusal, the tracking number. */
export function stepNote(step: CaseStep): string | undefined {
  switch (step.step) {
    case 'requestMaterials':
      return `请补充：${step.materials.join('；')}`;
    case 'reject':
      return step.reason;
    case 'posted':
      return step.trackingNo ? `运单号 ${step.trackingNo}` : undefined;
    default:
      return undefined;
  }
}

const SMS_STEP_WORDS: Record<Exclude<Status, 'received'>, string> = {
  reviewing: '已受理，正在审核',
  materialsRequested: '需要补充材料',
  approved: '已审核通过',
  readyForPickup: '已办好，请到窗口领取',
  posted: '结果已寄出',
  completed: '已办结',
  rejected: '未予通过',
};

/** The text message of a step: the case number and the step, never the applicant's name or number. */
export function smsText(caseNo: string, department: string, status: Exclude<Status, 'received'>, note: string | undefined): string {
  return `【${department}】您的办件 ${caseNo} ${SMS_STEP_WORDS[status]}${note ? `（${note}）` : ''}。可在自助终端“办件查询”查看进度。`;
}
