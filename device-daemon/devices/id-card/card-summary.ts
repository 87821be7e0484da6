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

/**
 * Keep the address up to its county/district (区, 县, 旗, a county-level 市)
 * and hide the rest: enough to recognise, not to find a door.
 * 河南省郑州市金水区经三路15号 → 河南省郑州市金水区****; 北京市朝阳区… → 北京市朝阳区****;
 * 河南省郑州市新郑市… → 河南省郑州市新郑市****. Each level is read only where it
 * looks like one (no road, street, town, village, community, house-number
 * characters in it), so a missing district never lets a street through;
 * an address with no recognisable level keeps two characters.
 */
export function maskAddressToDistrict(address: string): string {
  const all = address.trim().replace(/\s+/gu, '');
  let rest = all;
  let keep = '';
  const take = (re: RegExp): boolean => {
    const m = re.exec(rest);
    if (!m) return false;
    keep += m[0];
    rest = rest.slice(m[0].length);
    return true;
  };
  // Characters that belong to the part below the district (or to another level).
  take(/^[^市区县旗路街道镇乡村号巷弄社楼室]{1,7}?(?:省|自治区|特别行政区)/u);
  take(/^[^省区县旗路街道镇乡村号巷弄社楼室]{1,8}?(?:市|自治州|地区|盟)/u);
  take(/^[^省州盟市区县旗路街道镇乡村号巷弄社小园校厂楼室]{1,7}?(?:区|县|旗|市)/u);
  if (!keep) keep = [...all].slice(0, 2).join('');
  return keep + (all.length > keep.length ? '****' : '');
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
