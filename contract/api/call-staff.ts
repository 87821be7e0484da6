import { z } from 'zod';
import { command, event } from './define';

const IsoTime = z.string();

export const StaffDutyStatus = z.object({
  /** null: this site has no duty hours configured, so nothing is claimed either way. */
  onDuty: z.boolean().nullable(),
  /** China time the current duty span ends ('…+08:00'), while on duty. */
  until: z.string().nullable(),
  /** The next time staff are there, while off duty (null: none configured within two weeks). */
  nextStart: z.string().nullable(),
  /** Whom to call when nobody is on duty. */
  hotline: z.string(),
});
export type StaffDutyStatus = z.infer<typeof StaffDutyStatus>;

export const callStaffCommands = {
  'callStaff.duty': command({
    args: z.object({}).strict(),
    result: StaffDutyStatus,
    doc: 'Whether staff are on duty now (configured hours per weekday, none on public holidays), until when or when next, and the after-hours phone.',
  }),
  'callStaff.cancel': command({
    args: z.object({ caseNo: z.string().min(1).max(40) }).strict(),
    result: z.object({ cancelled: z.boolean() }),
    doc: 'The resident no longer needs the staff they called (staff are told by the staff.callCancelled event).',
  }),
};

export const callStaffEvents = {
  'staff.callCancelled': event({ data: z.object({ caseNo: z.string(), at: IsoTime }), doc: 'A resident cancelled their call for staff.' }),
};
