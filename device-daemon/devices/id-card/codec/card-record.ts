import type { SexCode, SexKey } from './card-codes';

export type CardKind = 'resident' | 'foreignPermanent' | 'hkMacaoTaiwan';
export const LONG_TERM = 'long-term' as const;
export type ValidTo = string | typeof LONG_TERM;

/**
 * Everything the text block of a card says, decoded. Personal data: held by
 * the daemon for one session, never logged unmasked, never sent whole to the UI.
 * Field names are stable (the CLI prints them; the store/apply flow reads them).
 */
export interface CardRecord {
  kind: CardKind;
  /** Foreign permanent resident cards: 'I' = pre-2023 layout, 'Y' = 2023 layout. */
  foreignLayout?: 'I' | 'Y';
  /** Chinese name; may be empty on a foreign card issued without one. */
  name: string;
  englishName?: string;
  sexCode: SexCode;
  sex: SexKey;
  /** Resident cards: 民族 code and display name (null when the code is not in the table). */
  nationCode?: string;
  nation?: string | null;
  /** Foreign cards: ISO 3166-1 alpha-3 nationality code as printed on the card. */
  nationality?: string;
  /** ISO date. */
  birthDate: string;
  address?: string;
  /** 追加住址 read with 30 03, when the card has one. */
  appendedAddress?: string;
  /** 18-digit number, or the 15-character permit number of an 'I' card. */
  idNumber: string;
  issuer?: string;
  /** 'I' cards: code of the accepting authority. */
  issuerCode?: string;
  validFrom: string;
  validTo: ValidTo;
  /** GB 11643 check on an 18-digit number; null where the number has no check digit ('I' permit numbers). */
  checkDigitOk: boolean | null;
  /** HK/Macao/Taiwan permits. */
  passNumber?: string;
  issueCount?: string;
  region?: 'HK' | 'MO' | 'TW' | null;
  /** 'Y' cards. */
  renewalCount?: string;
  previousNumberLink?: string;
  /** 'I' cards. */
  cardVersion?: string;
}

/** The photo as the card stores it (WLT, opaque) and, when a licensed decoder is configured, the decoded BMP. */
interface CardPhoto {
  wlt: Buffer;
  status: 'notDecoded' | 'decoded' | 'decodeFailed';
  bmp?: Buffer;
}

/** One successful read: the record, the photo, the time. Held for the session only. */
export interface CardRead {
  record: CardRecord;
  photo: CardPhoto;
  readAt: string;
}
