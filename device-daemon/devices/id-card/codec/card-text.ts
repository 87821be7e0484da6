import { isSexCode, nationDisplay, PERMIT_REGIONS, SEX } from './card-codes';
import { CARD_TYPE_MARKERS, CARD_TYPE_OFFSET, LAYOUT_MARKER, LAYOUTS, TEXT_BLOCK_BYTES, type FieldSpec, type LayoutId, type TextField } from './card-layouts';
import { LONG_TERM, type CardRecord, type ValidTo } from './card-record';
import { isValidIdNumber } from './id-number';

/**
 * The 256-byte text block (UCS-2 LE, fixed-width fields right-padded with
 * U+0020) ⇄ CardRecord. Decoding picks the layout from the card-type marker
 * and reads every field through the tables in card-layouts.ts; encoding (the
 * simulator's side) writes through the same tables, so the two cannot drift.
 */

export type CardDecodeErrorKind = 'badTextLength' | 'badField' | 'badDate' | 'badSex' | 'badIdNumber';

export class CardDecodeError extends Error {
  override name = 'CardDecodeError';
  constructor(
    readonly kind: CardDecodeErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const LONG_TERM_TEXT = '长期';

function layoutOf(text: Buffer): LayoutId {
  const marker = text.toString('utf16le', CARD_TYPE_OFFSET, CARD_TYPE_OFFSET + 2);
  return CARD_TYPE_MARKERS[marker] ?? 'resident';
}

/** Every field of the layout as trimmed text; fields that occur twice (reserved) keep the last. */
function readFields(text: Buffer, layout: LayoutId): Partial<Record<TextField, string>> {
  const out: Partial<Record<TextField, string>> = {};
  for (const spec of LAYOUTS[layout]) out[spec.field] = readField(text, spec);
  return out;
}

function readField(text: Buffer, spec: FieldSpec, trim = true): string {
  const raw = text.toString('utf16le', spec.offset, spec.offset + spec.bytes);
  return trim ? raw.replace(/^[\u0020\u0000]+|[\u0020\u0000]+$/g, '') : raw;
}

export function decodeCardText(text: Buffer): CardRecord {
  if (text.length !== TEXT_BLOCK_BYTES) throw new CardDecodeError('badTextLength', `text block is ${text.length} bytes, expected ${TEXT_BLOCK_BYTES}`);
  const layout = layoutOf(text);
  const v = readFields(text, layout);
  const sexCode = v.sex ?? '';
  if (!isSexCode(sexCode)) throw new CardDecodeError('badSex', `sex code ${JSON.stringify(sexCode)} is not 0, 1, 2 or 9`);
  const common = {
    sexCode,
    sex: SEX[sexCode].key,
    birthDate: isoDate(v.birthDate, 'birth date'),
    validFrom: isoDate(v.validFrom, 'valid-from date'),
    validTo: validTo(v.validTo),
  };
  const idNumber = v.idNumber ?? '';
  switch (layout) {
    case 'resident':
      return {
        kind: 'resident',
        name: required(v.name, 'name'),
        ...common,
        nationCode: v.nation ?? '',
        nation: nationDisplay(v.nation ?? ''),
        address: v.address ?? '',
        idNumber,
        issuer: v.issuer ?? '',
        checkDigitOk: isValidIdNumber(idNumber),
      };
    case 'hkMacaoTaiwan':
      return {
        kind: 'hkMacaoTaiwan',
        name: required(v.name, 'name'),
        ...common,
        address: v.address ?? '',
        idNumber,
        issuer: v.issuer ?? '',
        checkDigitOk: isValidIdNumber(idNumber),
        passNumber: v.passNumber ?? '',
        issueCount: v.issueCount ?? '',
        region: PERMIT_REGIONS[idNumber.slice(0, 2)] ?? null,
      };
    case 'foreignI':
      // 15 characters: 3-letter nationality + 12 digits; no documented check digit.
      if (!/^[A-Z]{3}\d{12}$/.test(idNumber)) throw new CardDecodeError('badIdNumber', 'permit number is not 3 letters and 12 digits');
      return {
        kind: 'foreignPermanent',
        foreignLayout: 'I',
        name: v.name ?? '',
        englishName: required(v.englishName, 'English name'),
        ...common,
        nationality: v.nationality ?? '',
        idNumber,
        issuerCode: v.issuerCode ?? '',
        cardVersion: v.cardVersion ?? '',
        checkDigitOk: null,
      };
    case 'foreignY': {
      // English name is split over two fields; join the raw halves before trimming so a space at the seam survives.
      const head = readField(text, LAYOUTS.foreignY.find((s) => s.field === 'englishName')!, false);
      const tail = readField(text, LAYOUTS.foreignY.find((s) => s.field === 'englishNameTail')!, false);
      return {
        kind: 'foreignPermanent',
        foreignLayout: 'Y',
        name: v.name ?? '',
        englishName: required((head + tail).replace(/^[\u0020\u0000]+|[\u0020\u0000]+$/g, ''), 'English name'),
        ...common,
        nationality: v.nationality ?? '',
        idNumber,
        renewalCount: v.renewalCount ?? '',
        previousNumberLink: v.previousNumberLink ?? '',
        checkDigitOk: isValidIdNumber(idNumber),
      };
    }
  }
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new CardDecodeError('badField', `${what} is empty`);
  return value;
}

/** YYYYMMDD → YYYY-MM-DD, checked against the calendar. */
function isoDate(raw: string | undefined, what: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw ?? '');
  if (!m) throw new CardDecodeError('badDate', `${what} ${JSON.stringify(raw ?? '')} is not YYYYMMDD`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1800 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    throw new CardDecodeError('badDate', `${what} ${raw} is not a calendar date`);
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function validTo(raw: string | undefined): ValidTo {
  if (raw === LONG_TERM_TEXT) return LONG_TERM;
  return isoDate(raw, 'valid-to date');
}

// ---- encoding (simulator side) ----

/** Write a record as the card's 256-byte text block. Throws if a field does not fit its width. */
export function encodeCardText(r: CardRecord): Buffer {
  const layout: LayoutId = r.kind === 'resident' ? 'resident' : r.kind === 'hkMacaoTaiwan' ? 'hkMacaoTaiwan' : r.foreignLayout === 'I' ? 'foreignI' : 'foreignY';
  const text = Buffer.alloc(TEXT_BLOCK_BYTES);
  // Every byte starts as a space, reserved areas included.
  for (let i = 0; i < TEXT_BLOCK_BYTES; i += 2) text.writeUInt16LE(0x20, i);
  const values: Partial<Record<TextField, string>> = {
    name: r.name,
    sex: r.sexCode,
    nation: r.nationCode,
    birthDate: compact(r.birthDate),
    address: r.address,
    idNumber: r.idNumber,
    issuer: r.issuer,
    issuerCode: r.issuerCode,
    validFrom: compact(r.validFrom),
    validTo: r.validTo === LONG_TERM ? LONG_TERM_TEXT : compact(r.validTo),
    nationality: r.nationality,
    passNumber: r.passNumber,
    issueCount: r.issueCount,
    renewalCount: r.renewalCount,
    previousNumberLink: r.previousNumberLink,
    cardVersion: r.cardVersion,
    cardType: LAYOUT_MARKER[layout],
  };
  if (layout === 'foreignY') {
    const en = r.englishName ?? '';
    values.englishName = en.slice(0, 35);
    values.englishNameTail = en.slice(35);
  } else {
    values.englishName = r.englishName;
  }
  for (const spec of LAYOUTS[layout]) {
    const value = values[spec.field];
    if (value === undefined || spec.field === 'reserved') continue;
    if (value.length * 2 > spec.bytes) throw new Error(`${spec.field} ${JSON.stringify(value)} is longer than ${spec.bytes / 2} characters`);
    text.write(value, spec.offset, 'utf16le');
  }
  return text;
}

const compact = (iso: string) => iso.replaceAll('-', '');
