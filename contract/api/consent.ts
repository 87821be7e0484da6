import { z } from 'zod';
import { command } from './define';

// The resident's consent to a use of their personal data, recorded by the
// daemon for the session (PIPL: informed, explicit, for a stated purpose).
// The record names the purpose, the version of the text the resident was
// shown and the time; it holds no personal data. A submission that carries
// personal data is refused with consentRequired unless its purpose was
// consented to in this session.

/**
 * apply / precheck / queryPrint / progress: the card's data for that journey
 * (the identify step's consent screen). complaintCallback: a call-back phone
 * typed on the complaint's details screen, which says what it is for.
 */
export const CONSENT_PURPOSES = ['apply', 'precheck', 'queryPrint', 'progress', 'complaintCallback'] as const;
export const ConsentPurpose = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

/** Which text was shown: `<purpose>-<hash of the texts in every language>`, so a changed text is a new version. */
const TextVersion = z.string().regex(/^[A-Za-z0-9.-]{1,64}$/, 'expected a text version (letters, digits, . -)');

export const ConsentRecord = z.object({ purpose: ConsentPurpose, textVersion: TextVersion, recordedAt: z.string() });
export type ConsentRecord = z.infer<typeof ConsentRecord>;

export const consentCommands = {
  'consent.record': command({
    args: z.object({ purpose: ConsentPurpose, textVersion: TextVersion }).strict(),
    result: ConsentRecord,
    doc: 'The resident agreed to the use of their personal data for a purpose, after reading the text of this version: recorded for the session (audited with purpose, version and time; no personal data) and dropped when the session ends or another card is read. A submission carrying personal data needs it (consentRequired otherwise): apply for an application or anything sent with the session card, complaintCallback for a complaint with a call-back phone.',
  }),
};
