import type { ConsentPurpose } from '../../../contract/api/consent';
import type { SubmitArgs } from '../../../contract/api/submission';

/**
 * The consent a submission needs before it is stored and passed on, if it
 * carries personal data: the card's identity goes with an application and
 * with anything sent as the session card's (the consent screen's "apply");
 * a complaint's call-back phone is the resident's own number, typed under the
 * text that says what it is for ("complaintCallback"). An evaluation, an
 * anonymous complaint or a call for staff carries none.
 */
export function consentNeeded(args: SubmitArgs): ConsentPurpose | undefined {
  if (args.kind === 'application' || args.applicant === 'sessionCard') return 'apply';
  if (args.kind === 'complaint' && args.payload.callbackPhone !== undefined) return 'complaintCallback';
  return undefined;
}
