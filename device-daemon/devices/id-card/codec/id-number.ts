/**
 * GB 11643-1999 citizen identity number check digit (reference §10); the same
 * rule covers HK/Macao/Taiwan permits and the 2023 foreign permanent resident
 * card numbers.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/** Check character for the first 17 digits; undefined when they are not 17 digits. */
export function checkDigit(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11];
}

/** 18 characters, 17 digits then the right check character (upper-case X). */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  return checkDigit(id.slice(0, 17)) === id[17];
}
