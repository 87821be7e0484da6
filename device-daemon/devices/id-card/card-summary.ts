import type { CardSummary } from '../../api/contract/card';
import { maskIdNumber, maskName } from '../../privacy/mask';
import { LONG_TERM, type CardRead } from './codec/card-record';

/** Today as YYYY-MM-DD on the terminal's legal clock (cards expire by China Standard Time). */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A card is valid through its valid-to date; long-term cards never expire. */
export function isExpired(validTo: string, now: Date = new Date()): boolean {
  return validTo !== LONG_TERM && validTo < todayInChina(now);
}

/** What the UI may see of a read: masked, minimal. */
export function summarize(read: CardRead, now: Date = new Date()): CardSummary {
  const r = read.record;
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
    ...(ageOn(r.birthDate, now) !== undefined ? { age: ageOn(r.birthDate, now) } : {}),
    photo: read.photo.status,
    readAt: read.readAt,
  };
}

/** Keep the address up to its county/district (区, 县, 旗, county-level 市) and hide the rest: enough to recognise, not to find a door. */
export function maskAddressToDistrict(address: string): string {
  const chars = [...address.trim()];
  const head = chars.slice(0, 14).join('');
  const m = /^(.*?(省|自治区|特别行政区))?(.*?(市|自治州|州|盟|地区))?(.*?(区|县|旗))/.exec(head);
  const keep = m ? [...m[0]].length : Math.min(6, Math.floor(chars.length / 2));
  return chars.slice(0, keep).join('') + (chars.length > keep ? '****' : '');
}

/** Whole years from an ISO birth date to today (China time); undefined when the date is not usable. */
export function ageOn(birthDate: string, now: Date = new Date()): number | undefined {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!b) return undefined;
  const [y, m, d] = todayInChina(now).split('-').map(Number) as [number, number, number];
  let age = y - Number(b[1]);
  if (m < Number(b[2]) || (m === Number(b[2]) && d < Number(b[3]))) age--;
  return age >= 0 && age <= 150 ? age : undefined;
}
