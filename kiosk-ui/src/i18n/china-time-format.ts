/**
 * Times on screen in China time (Asia/Shanghai), whatever zone the browser or
 * the terminal's OS is set to: receipts and the daemon use China time, and a
 * terminal misconfigured to UTC must not show a resident another day.
 */
const ZONE = 'Asia/Shanghai';

/** The China-time calendar day of an instant, in the resident's language. */
export function chinaDateText(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: ZONE, year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(iso));
}

/** Day and time (24-hour) of an instant in China time, in the resident's language. */
export function chinaDateTimeText(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: ZONE, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
