import { ageOn } from '../../../contract/domain/china-time';
import type { CardKind, CardRead } from './codec/card-record';

/**
 * The card read in this session, as the daemon's capabilities may use it:
 * who applies (kind, name, number), the address for a delivery by post to the
 * card address, and the age for eligibility rules. Nothing else of the read
 * (photo, birth date, issuer …) leaves the reader this way.
 */
export interface SessionCard {
  /** Undefined when the read identifies nobody (see sessionCardOf): the record is still held, and wiped, like any other. */
  readonly identity: { readonly kind: CardKind; readonly name: string; readonly idNumber: string } | undefined;
  /** The address on the card, trimmed; undefined when the card carries none (foreign and HK/MO/TW cards). */
  readonly postalAddress: string | undefined;
  /** Whole years on `today` ('YYYY-MM-DD', China time); undefined when the birth date is not usable. */
  ageOn(today: string): number | undefined;
}

/** Implemented by the ID-card reader: the card of this session, undefined when none is held. */
export interface SessionCardHolder {
  sessionCard(): SessionCard | undefined;
}

/**
 * A read identifies a person only when its number passed the GB 11643 check
 * (or has none, as an old foreign permit) and it names them (a foreign card
 * without a Chinese name is named by its English name).
 */
export function sessionCardOf(read: CardRead): SessionCard {
  const r = read.record;
  const name = r.name.trim() || r.englishName?.trim() || '';
  const identifies = r.checkDigitOk !== false && name !== '' && r.idNumber.length >= 8;
  const address = r.address?.trim();
  return {
    identity: identifies ? { kind: r.kind, name, idNumber: r.idNumber } : undefined,
    postalAddress: address || undefined,
    ageOn: (today) => ageOn(r.birthDate, today),
  };
}
