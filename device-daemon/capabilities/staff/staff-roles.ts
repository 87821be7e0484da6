import type { CaseStep, StaffRole } from '../../../contract/api/staff';

export type StaffAction = 'call' | 'requeue' | 'revealPhone' | CaseStep['step'];

/**
 * Who may do what, after the centres' rule "front desk accepts, back office
 * approves, one window issues" (前台综合受理、后台分类审批、综合窗口出件):
 * staff at the desk accept, send back for materials and hand out (pickup,
 * posted); only a supervisor decides (approves or rejects). An assistant
 * (帮办代办员) helps residents at the terminal: answers calls, sees the lists,
 * but neither decides a case nor sees a complainant's phone.
 */
const MAY: Record<StaffAction, readonly StaffRole[]> = {
  call: ['staff', 'assistant', 'supervisor'],
  requeue: ['staff', 'supervisor'],
  revealPhone: ['staff', 'supervisor'],
  accept: ['staff', 'supervisor'],
  requestMaterials: ['staff', 'supervisor'],
  readyForPickup: ['staff', 'supervisor'],
  posted: ['staff', 'supervisor'],
  approve: ['supervisor'],
  reject: ['supervisor'],
};

export function may(role: StaffRole, action: StaffAction): boolean {
  return MAY[action].includes(role);
}

/** What the page offers a role (it hides what it may not do; the daemon refuses it anyway). */
export function allowedActions(role: StaffRole): StaffAction[] {
  return (Object.keys(MAY) as StaffAction[]).filter((a) => may(role, a));
}
