import { z } from 'zod';
import { command } from './define';
import { StaffNo, StaffRole } from './staff';

// Staff on the terminal's own screen: a staff member signs in (their staff
// card or staff number + PIN) for the resident session under way, to switch
// on guided mode (引导模式) or, as an assistant (帮办代办员), to handle the
// journey for the resident. The daemon holds who is signed in and drops it
// when the session ends; the page only shows what it is answered.

/** How the staff panel is opened on the resident screen (config staff.terminalEntry). */
export const StaffEntry = z.enum(['titleLongPress', 'off']);
export type StaffEntry = z.infer<typeof StaffEntry>;

export const StaffOnTerminal = z.object({
  /** How the panel is opened; 'off': not on this terminal. */
  entry: StaffEntry,
  /** Who is signed in for this session (their number and display name are shown to the resident they help). */
  member: z.object({ staffNo: StaffNo, name: z.string(), role: StaffRole }).nullable(),
  /** Guided mode (引导模式) for this session. */
  guided: z.boolean(),
  /** The signed-in assistant handles this session's journey for the resident (帮办代办). */
  assisting: z.boolean(),
});
export type StaffOnTerminal = z.infer<typeof StaffOnTerminal>;

const SignIn = z.discriminatedUnion('method', [
  z.object({ method: z.literal('pin'), staffNo: StaffNo, pin: z.string().max(12) }).strict(),
  /** The staff member's own ID card on the reader: matched against the accounts' salted card hashes, never kept. */
  z.object({ method: z.literal('card'), timeoutMs: z.int().min(1000).max(60_000).optional() }).strict(),
]);

export const staffTerminalCommands = {
  'staff.terminal.state': command({
    args: z.object({}).strict(),
    result: StaffOnTerminal,
    doc: 'Staff on this terminal: how the staff panel is opened, who is signed in for the session, guided mode and assisted handling.',
  }),
  'staff.terminal.signIn': command({
    args: SignIn,
    result: StaffOnTerminal,
    doc: 'A staff member signs in for this resident session, by staff number + PIN or their staff card (the technician PIN lockout rules, per staff number; audited with the staff number). pinInvalid with { remaining, lockedUntil } or technicianLocked with { lockedUntil }; a card sign-in while a resident card is held: sequenceError.',
  }),
  'staff.terminal.set': command({
    args: z.object({ guided: z.boolean().optional(), assisting: z.boolean().optional() }).strict(),
    result: StaffOnTerminal,
    doc: 'The signed-in staff member switches guided mode or assisted handling (assistants only) for this session; audited. unauthorized when nobody (or not an assistant) is signed in.',
  }),
  'staff.terminal.signOut': command({
    args: z.object({}).strict(),
    result: StaffOnTerminal,
    doc: 'The staff member signs out of this session (guided mode and assisted handling end with it); the session end does the same.',
  }),
};
