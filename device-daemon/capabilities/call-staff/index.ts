import { chinaIso } from '../../../contract/domain/china-time';
import { dutyAt } from '../../../contract/domain/staff-duty';
import type { Capability, CapabilityContext } from '../../capability';

/**
 * What the call screen must know to be honest: whether anyone is on duty to
 * come (the site's duty hours against the holiday calendar) and whom to call
 * otherwise; and a resident's cancel of their call, told to staff.
 */
export function createCallStaffCapability(ctx: CapabilityContext): Capability {
  const { router, services, config } = ctx;
  return {
    name: 'callStaff',
    start() {
      router.register('callStaff.duty', () => {
        const calendar = services.calendar.get();
        const workingDay = (date: string) => (calendar.covers(date) ? calendar.isWorkingDay(date) : undefined);
        const duty = config.site.staffDuty;
        if (!duty) return { onDuty: null, until: null, nextStart: null, hotline: config.site.phones.consultation };
        return { ...dutyAt(duty, workingDay, services.clock.now()), hotline: duty.afterHoursPhone ?? config.site.phones.consultation };
      });
      router.register('callStaff.cancel', ({ caseNo }) => {
        const known = services.store.run((s) => s.store.submissions.findByCaseNo(caseNo));
        if (known?.kind !== 'callStaff') return { cancelled: false };
        ctx.emit('staff.callCancelled', { caseNo, at: chinaIso(services.clock.now()) });
        ctx.bus.emit('audit', { action: 'callStaff.cancel', detail: { caseNo } });
        return { cancelled: true };
      });
    },
    stop() {},
  };
}
