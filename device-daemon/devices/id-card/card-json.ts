import { maskAddress, maskIdNumber, maskName } from '../../../contract/domain/mask';
import { SEX } from './codec/card-codes';
import type { CardRecord } from './codec/card-record';

/**
 * The printed form of a card (kioskctl card decode / read): stable field
 * names, fields a kind does not have are left out. With `mask`, every
 * personal field is masked the way logs and the UI mask it.
 */
export function cardToJson(r: CardRecord, opts: { mask?: boolean } = {}): Record<string, unknown> {
  const m = opts.mask ?? false;
  const name = (s: string) => (m ? maskName(s) : s);
  const out: Record<string, unknown> = { kind: r.kind };
  if (r.foreignLayout) out.foreignLayout = r.foreignLayout;
  out.name = name(r.name);
  if (r.englishName !== undefined) out.englishName = name(r.englishName);
  out.sex = SEX[r.sexCode].label;
  out.sexCode = r.sexCode;
  if (r.kind === 'resident') {
    out.nation = r.nation ?? null;
    out.nationCode = r.nationCode ?? '';
  }
  if (r.nationality !== undefined) out.nationality = r.nationality;
  out.birthDate = m ? `${r.birthDate.slice(0, 4)}-**-**` : r.birthDate;
  if (r.address !== undefined) out.address = m ? maskAddress(r.address) : r.address;
  if (r.appendedAddress !== undefined) out.appendedAddress = m ? maskAddress(r.appendedAddress) : r.appendedAddress;
  out.idNumber = m ? maskIdNumber(r.idNumber) : r.idNumber;
  if (r.issuer !== undefined) out.issuer = r.issuer;
  if (r.issuerCode !== undefined) out.issuerCode = r.issuerCode;
  out.validFrom = r.validFrom;
  out.validTo = r.validTo;
  out.checkDigitOk = r.checkDigitOk;
  if (r.passNumber !== undefined) out.passNumber = m ? maskIdNumber(r.passNumber) : r.passNumber;
  if (r.issueCount !== undefined) out.issueCount = r.issueCount;
  if (r.region !== undefined) out.region = r.region;
  if (r.renewalCount !== undefined) out.renewalCount = r.renewalCount;
  if (r.previousNumberLink !== undefined) out.previousNumberLink = m ? '***' : r.previousNumberLink;
  if (r.cardVersion !== undefined) out.cardVersion = r.cardVersion;
  return out;
}
