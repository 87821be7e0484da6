import type { CardSummary } from '../../../contract/api/card';
import { maskAddressToDistrict, maskIdNumber, maskName } from '../../../contract/domain/mask';
import { ageOn, chinaDate } from '../../../contract/domain/china-time';
import { LONG_TERM, type CardRead } from './codec/card-record';

/** A card is valid through its valid-to date; long-term cards never expire. */
export function isExpired(validTo: string, now: Date = new Date()): boolean {
  return validTo !== LONG_TERM && validTo < chinaDate(now.getTime());
}

/** What the UI may see of a read: masked, minimal. */
export function summarize(read: CardRead, now: Date = new Date()): CardSummary {
  const r = read.record;
  const age = ageOn(r.birthDate, chinaDate(now.getTime()));
  return {
    kind: r.kind,
    ...(r.foreignLayout ? { foreignLayout: r.foreignLayout } : {}),
    maskedName: maskName(r.name || r.englishName || ''),
    ...(r.englishName ? { maskedEnglishName: maskName(r.englishName) } : {}),
    maskedIdNumber: maskIdNumber(r.idNumber),
    sex: r.sex,
    ...(r.kind === 'resident' ? { nation: r.nation ?? null } : {}),
    ...(r.nationality ? { nationality: r.nationality } : {}),
    ...(r.kind === 'hkMacaoTaiwan' ? { region: r.region ?? null } : {}),
    validFrom: r.validFrom,
    validTo: r.validTo,
    expired: isExpired(r.validTo, now),
    ...(r.address?.trim() ? { maskedAddress: maskAddressToDistrict(r.address) } : {}),
    ...(age !== undefined ? { age } : {}),
    photo: read.photo.status,
    readAt: read.readAt,
  };
}
