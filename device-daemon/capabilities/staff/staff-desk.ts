import type { CallAction, CaseStep } from '../../../contract/api/staff';
import { chinaDate, chinaIso } from '../../../contract/domain/china-time';
import type { StaffMember } from '../../auth/staff-auth';
import type { Bus } from '../../bus';
import type { CapabilityContext, Services } from '../../capability';
import type { EmbeddedPlatform } from '../../platform/embedded-platform';
import type { SmsNotices } from '../../platform/sms/sms-notices';
import { alertsOf, type CallState, callsOf, casesOf, complaintsOf, departmentOf, evaluationsOf, submissionsOf } from './staff-overview';
import { allowedActions } from './staff-roles';

/** A refusal the staff page shows as it is: 404 unknown case, 409 not in a state for this. */
export class DeskRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** China midnight of `now`, epoch ms: "today" of the staff view. */
function startOfChinaDay(now: number): number {
  return Date.parse(`${chinaDate(now)}T00:00:00+08:00`);
}

/**
 * What staff do in the staff view, each step in the audit trail with the
 * staff number: the overview of today, a call acknowledged (the resident
 * screen is told) or done, a parked submission re-queued, a complainant's
 * phone revealed, a case step taken.
 */
export class StaffDesk {
  constructor(
    private readonly ctx: Pick<CapabilityContext, 'emit'> & { bus: Bus; services: Services },
    private readonly notices: () => SmsNotices | undefined,
  ) {}

  async overview(member: StaffMember) {
    const { store, clock, catalog, devices } = this.ctx.services;
    const o = store.require();
    const from = startOfChinaDay(clock.now());
    const today = o.store.submissions.acceptedSince(from);
    return {
      member,
      allowed: allowedActions(member.role),
      platform: o.platform.mode,
      submissions: submissionsOf(today),
      calls: callsOf(today, (caseNo) => this.callState(caseNo)),
      complaints: complaintsOf(today),
      evaluations: evaluationsOf(today),
      alerts: alertsOf(devices.registry.statuses()),
      cases: await casesOf(o, catalog, from),
    };
  }

  call(member: StaffMember, caseNo: string, action: CallAction): CallState {
    const s = this.ctx.services.store.run((o) => o.store.submissions.findByCaseNo(caseNo));
    if (s?.kind !== 'callStaff') throw new DeskRefusal(404, `no call-staff request ${caseNo}`);
    const state = this.callState(caseNo);
    if (action === 'acknowledge' && state.acknowledged) return state;
    // Told "staff are coming" after they said they need nobody would mislead the resident: a cancelled call is only closed.
    if (action === 'acknowledge' && state.cancelled) throw new DeskRefusal(409, `${caseNo} was cancelled by the resident`);
    if (action === 'done' && state.done) return state;
    this.audit(`staff.call.${action === 'acknowledge' ? 'acknowledged' : 'done'}`, member, { caseNo });
    if (action === 'acknowledge') this.ctx.emit('staff.acknowledged', { caseNo, at: chinaIso(this.ctx.services.clock.now()) });
    return this.callState(caseNo);
  }

  requeue(member: StaffMember, caseNo: string): void {
    const moved = this.ctx.services.store.run((o) => o.store.submissions.requeue(caseNo, member, this.ctx.services.clock.now()));
    if (!moved) throw new DeskRefusal(409, `${caseNo} is not parked`);
    this.ctx.bus.emit('submissionStored', this.ctx.services.store.run((o) => o.store.submissions.findByCaseNo(caseNo))!.kind);
  }

  /** The call-back phone of a complaint, whole: only on this deliberate request, and audited. */
  revealPhone(member: StaffMember, caseNo: string): string {
    const s = this.ctx.services.store.run((o) => o.store.submissions.findByCaseNo(caseNo));
    const phone = (s?.payload as { data?: { callbackPhone?: unknown } } | null)?.data?.callbackPhone;
    if (s?.kind !== 'complaint') throw new DeskRefusal(404, `no complaint ${caseNo}`);
    if (typeof phone !== 'string') throw new DeskRefusal(404, `complaint ${caseNo} has no call-back phone (or it was purged)`);
    this.audit('staff.complaint.phoneRevealed', member, { caseNo });
    return phone;
  }

  caseStep(member: StaffMember, caseNo: string, step: CaseStep) {
    const { store, catalog } = this.ctx.services;
    const o = store.require();
    if (o.platform.mode !== 'embedded') throw new DeskRefusal(409, 'cases are worked at the terminal only in embedded platform mode');
    const platform = o.platform as EmbeddedPlatform;
    const notices = this.notices();
    if (!notices) throw new DeskRefusal(503, 'the store is not open');
    const local = store.run((s) => s.store.submissions.findByCaseNo(caseNo));
    const department = departmentOf(catalog, local?.itemCode ?? null);
    const done = store.run(() => platform.work(caseNo, step, { staffNo: member.staffNo, department }, notices));
    if (!done.ok) throw new DeskRefusal(done.code === 'notFound' ? 404 : 409, done.message);
    this.audit('staff.case.step', member, { caseNo, step: step.step, status: done.status });
    void notices.flush();
    return { caseNo, status: done.status, at: chinaIso(done.at), department };
  }

  audit(action: string, member: StaffMember, detail: Record<string, unknown>): void {
    this.ctx.bus.emit('audit', { action, detail: { ...detail, staffNo: member.staffNo } });
  }

  private callState(caseNo: string): CallState {
    const { store } = this.ctx.services;
    const last = (action: string) => store.run((o) => o.store.audit.aboutCase(action, caseNo)).at(-1);
    const one = (action: string) => {
      const e = last(action);
      return e ? { staffNo: String(e.detail?.staffNo ?? ''), at: chinaIso(e.at) } : null;
    };
    const cancel = last('callStaff.cancel');
    return { acknowledged: one('staff.call.acknowledged'), done: one('staff.call.done'), cancelled: cancel ? { at: chinaIso(cancel.at) } : null };
  }
}
