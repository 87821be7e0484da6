/**
 * Field layouts of the 256-byte text block, one table per card kind
 * (reference §5). Offsets and lengths are in bytes of UCS-2 LE text; each
 * table tiles the block exactly (a test checks it). The confidence column
 * carries the reference's markers: the 2023 foreign card ('Y') comes from a
 * single source, so if a real card disagrees, this table is the one place
 * to correct.
 */

export type TextField =
  | 'name'
  | 'englishName'
  /** 'Y' only: English name characters 36–46. */
  | 'englishNameTail'
  | 'sex'
  | 'nation'
  | 'renewalCount'
  | 'birthDate'
  | 'address'
  | 'idNumber'
  | 'issuer'
  | 'issuerCode'
  | 'validFrom'
  | 'validTo'
  | 'nationality'
  | 'passNumber'
  | 'issueCount'
  | 'cardVersion'
  | 'previousNumberLink'
  | 'cardType'
  | 'reserved';

export interface FieldSpec {
  field: TextField;
  offset: number;
  bytes: number;
  confidence: 'C' | 'S' | 'U';
}

export type LayoutId = 'resident' | 'foreignI' | 'foreignY' | 'hkMacaoTaiwan';

const f = (field: TextField, offset: number, bytes: number, confidence: FieldSpec['confidence'] = 'C'): FieldSpec => ({ field, offset, bytes, confidence });

export const TEXT_BLOCK_BYTES = 256;
/** Card-type marker: one UCS-2 character at text bytes 248–249. */
export const CARD_TYPE_OFFSET = 248;

export const LAYOUTS: Readonly<Record<LayoutId, readonly FieldSpec[]>> = {
  // 居民身份证
  resident: [
    f('name', 0, 30),
    f('sex', 30, 2),
    f('nation', 32, 4),
    f('birthDate', 36, 16),
    f('address', 52, 70),
    f('idNumber', 122, 36),
    f('issuer', 158, 30),
    f('validFrom', 188, 16),
    f('validTo', 204, 16),
    f('reserved', 220, 36, 'U'),
  ],
  // 外国人永久居留身份证, old version, marker 'I'
  foreignI: [
    f('englishName', 0, 120),
    f('sex', 120, 2),
    f('idNumber', 122, 30),
    f('nationality', 152, 6),
    f('name', 158, 30),
    f('validFrom', 188, 16),
    f('validTo', 204, 16),
    f('birthDate', 220, 16),
    f('cardVersion', 236, 4),
    f('issuerCode', 240, 8),
    f('cardType', 248, 2),
    f('reserved', 250, 6),
  ],
  // 外国人永久居留身份证, 2023 version, marker 'Y' — raw offsets single-source [S]
  foreignY: [
    f('name', 0, 30, 'S'),
    f('sex', 30, 2, 'S'),
    f('renewalCount', 32, 4, 'S'),
    f('birthDate', 36, 16, 'S'),
    f('englishName', 52, 70, 'S'),
    f('idNumber', 122, 36, 'S'),
    f('reserved', 158, 30, 'S'),
    f('validFrom', 188, 16, 'S'),
    f('validTo', 204, 16, 'S'),
    f('englishNameTail', 220, 22, 'S'),
    f('nationality', 242, 6, 'S'),
    f('cardType', 248, 2, 'S'),
    f('previousNumberLink', 250, 6, 'S'),
  ],
  // 港澳台居民居住证, marker 'J'
  hkMacaoTaiwan: [
    f('name', 0, 30),
    f('sex', 30, 2),
    f('reserved', 32, 4),
    f('birthDate', 36, 16),
    f('address', 52, 70),
    f('idNumber', 122, 36),
    f('issuer', 158, 30),
    f('validFrom', 188, 16),
    f('validTo', 204, 16),
    f('passNumber', 220, 18),
    f('issueCount', 238, 4),
    f('reserved', 242, 6),
    f('cardType', 248, 2),
    f('reserved', 250, 6),
  ],
};

export const CARD_TYPE_MARKERS: Readonly<Record<string, LayoutId>> = { I: 'foreignI', Y: 'foreignY', J: 'hkMacaoTaiwan' };
export const LAYOUT_MARKER: Readonly<Partial<Record<LayoutId, string>>> = { foreignI: 'I', foreignY: 'Y', hkMacaoTaiwan: 'J' };
