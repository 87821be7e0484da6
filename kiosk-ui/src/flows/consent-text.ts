import type { ConsentPurpose } from '../../../contract/api/consent';
import { localeTables, type MessageKey } from '../i18n/tables';

/** The strings a resident reads when giving each consent: the identify step's consent screen, or the complaint's phone field. */
const SHOWN: Record<ConsentPurpose, MessageKey[]> = {
  apply: ['consent.title', 'consent.purpose.apply', 'consent.kept.apply', 'consent.notKept.body', 'consent.accept'],
  precheck: ['consent.title', 'consent.purpose.precheck', 'consent.kept.precheck', 'consent.notKept.body', 'consent.accept'],
  queryPrint: ['consent.title', 'consent.purpose.queryPrint', 'consent.kept.queryPrint', 'consent.notKept.body', 'consent.accept'],
  progress: ['consent.title', 'consent.purpose.progress', 'consent.kept.progress', 'consent.notKept.body', 'consent.accept'],
  complaintCallback: ['complaint.phone', 'complaint.phoneWhy'],
};

/**
 * The version of the text a consent was given on, recorded with it:
 * `<purpose>-<FNV-1a of those strings in every language>`. Derived from the
 * text itself, so a reworded consent is a new version without anyone having
 * to remember to bump a number, and the record names no person.
 */
export function consentTextVersion(purpose: ConsentPurpose): string {
  const tables = localeTables();
  const text = Object.keys(tables)
    .sort()
    .flatMap((locale) => SHOWN[purpose].map((key) => tables[locale as keyof typeof tables][key] ?? ''))
    .join('\u0000');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${purpose}-${h.toString(16).padStart(8, '0')}`;
}
