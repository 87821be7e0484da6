import type { CommandResult } from '../../../contract/api';
import { ApiFailure } from '../../api/router';
import type { StaffAuth, StaffAuthOutcome, StaffMember } from '../../auth/staff-auth';
import type { CapabilityContext } from '../../capability';
import { ReadError } from '../../devices/id-card/reader-device';

type State = CommandResult<'staff.terminal.state'>;

/**
 * Staff on the terminal's own screen (staff.terminal.*): sign-in by staff
 * number + PIN or by the staff member's card, for the resident session under
 * way (the session wipe drops it: services.staffOnTerminal), guided mode and
 * assisted handling switched on and off. Every step is audited with the
 * staff number; a staff card's number is never kept, logged or answered.
 */
export function registerTerminalStaff(ctx: CapabilityContext, auth: StaffAuth): void {
  const { router, bus, services, config } = ctx;
  const held = services.staffOnTerminal;
  const state = (): State => {
    const m = held.member();
    return { entry: config.staff.terminalEntry, member: m ? { ...m } : null, guided: held.guided(), assisting: held.assistant() !== undefined };
  };
  const audit = (action: string, member: StaffMember, detail: Record<string, unknown> = {}) => bus.emit('audit', { action, detail: { ...detail, staffNo: member.staffNo, via: 'terminal' } });

  const signedIn = (outcome: StaffAuthOutcome, method: 'pin' | 'card'): State => {
    if (!outcome.ok) throw refusal(outcome);
    held.signIn(outcome.member);
    audit('staff.terminal.signedIn', outcome.member, { method });
    return state();
  };

  router.register('staff.terminal.state', () => state());
  router.register('staff.terminal.signIn', async (args) => {
    if (config.staff.terminalEntry === 'off') throw new ApiFailure('notSupported', 'staff sign-in on the screen is off on this terminal (config staff.terminalEntry)');
    if (args.method === 'pin') return signedIn(await auth.verify(args.staffNo, args.pin), 'pin');
    return signedIn(await auth.verifyCard(await readStaffCard(ctx, args.timeoutMs ?? 20_000)), 'card');
  });
  router.register('staff.terminal.set', (change) => {
    const m = held.member();
    if (!m) throw new ApiFailure('unauthorized', 'no staff member is signed in on this terminal');
    if (change.assisting && m.role !== 'assistant') throw new ApiFailure('unauthorized', 'assisted handling (帮办代办) is for assistants only');
    held.set(change);
    if (change.guided !== undefined) audit(change.guided ? 'staff.terminal.guidedOn' : 'staff.terminal.guidedOff', m);
    if (change.assisting !== undefined) audit(change.assisting ? 'staff.terminal.assistingOn' : 'staff.terminal.assistingOff', m);
    return state();
  });
  router.register('staff.terminal.signOut', () => {
    const m = held.member();
    held.wipe();
    if (m) audit('staff.terminal.signedOut', m);
    return state();
  });
  ctx.addSessionWiper(() => {
    const m = held.member();
    const wiped = held.wipe();
    if (m) audit('staff.terminal.sessionEnded', m);
    return wiped;
  });
}

/**
 * The staff member's card, read for its number only: refused while a
 * resident's card is held (that read is the resident's session), and the
 * reader forgets the staff card at once, so it is never the session's card.
 * Both sign-ins by card use it: the screen's and the staff view's on the terminal.
 */
export async function readStaffCard(ctx: CapabilityContext, timeoutMs: number): Promise<string> {
  const { reader } = ctx.services.devices;
  if (!reader) throw new ApiFailure('noDevice', 'no ID-card reader to read a staff card with: sign in with the staff number and PIN');
  if (ctx.services.sessionCard.sessionCard()) throw new ApiFailure('sequenceError', "a resident's card is held in this session: sign in with the staff number and PIN");
  try {
    const read = await reader.read(timeoutMs);
    const number = read.record.idNumber;
    reader.wipeSession();
    return number;
  } catch (err) {
    if (err instanceof ReadError) throw new ApiFailure(err.code, err.message);
    throw err;
  }
}

function refusal(o: Exclude<StaffAuthOutcome, { ok: true }>): ApiFailure {
  if (o.code === 'locked') return new ApiFailure('technicianLocked', 'too many failed sign-ins: this staff sign-in is locked for a while', { lockedUntil: o.lockedUntil });
  return new ApiFailure('pinInvalid', 'staff number, PIN or card not recognised', o.lockedUntil ? { remaining: 0, lockedUntil: o.lockedUntil } : { remaining: o.remaining });
}
