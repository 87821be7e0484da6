import type { CommandName } from '../../../contract/api';

/**
 * Commands that read or add to the resident's session (the card record, the
 * session's cases and records). The connection that sends one owns the
 * session; another connection sending one takes it over, and what the first
 * held is wiped before the command runs. A new command that reads the card
 * record or the session's cases belongs here.
 */
export const SESSION_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>([
  'card.read',
  'submission.submit',
  // Learns a case by its key and takes it into the session's cases (for its receipt).
  'submission.outcome',
  // Adds to what the session holds: another page's consent must never count for this resident.
  'consent.record',
  'records.query',
  'records.print',
  'receipt.print',
  // Reprints a job of the session (a resident's receipt or records): never from another page.
  'printer.reprint',
  'case.progress',
  'precheck.evaluate',
  'precheck.print',
  // Staff sign in for the session on the screen: another page never inherits them.
  'staff.terminal.signIn',
  'staff.terminal.set',
]);
