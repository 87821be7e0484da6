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
    photo: read.photo.status,
    readAt: read.readAt,
  };
}
