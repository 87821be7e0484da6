// Business dates of the terminal are China Standard Time (UTC+8, no daylight
// saving) whatever the OS time zone is set to: a case accepted at 07:30 in
// Weidong belongs to that day even on a machine left on UTC.

const CST_OFFSET_MS = 8 * 3600_000;

/** 'YYYY-MM-DD' of an instant in China Standard Time. */
export function chinaDate(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO 8601 with the +08:00 offset, for receipts and the platform. */
export function chinaIso(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** 'YYYY-MM-DD' + n calendar days. */
export function addDays(date: string, n: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + n * 86400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** ISO weekday of a 'YYYY-MM-DD': 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Whole years from an ISO birth date to `today` ('YYYY-MM-DD', China time); undefined when the date is not usable. */
export function ageOn(birthDate: string, today: string): number | undefined {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!b) return undefined;
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  let age = y - Number(b[1]);
  if (m < Number(b[2]) || (m === Number(b[2]) && d < Number(b[3]))) age--;
  return age >= 0 && age <= 150 ? age : undefined;
}
