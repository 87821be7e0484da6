import type { StaffConfig } from '../config/schema';
import { scryptHash, verifyPinAsync } from '../config/pin-hash';

type Account = StaffConfig['accounts'][number];

/** A staff member's ID-card number as the config keeps it: salted and hashed, never in clear. */
export function hashStaffCard(idNumber: string): string {
  return scryptHash(idNumber.trim().toUpperCase());
}

/**
 * The account whose card hash matches the number of the card read, or
 * undefined. Every account with a card hash is checked (not stopping at the
 * first match), so how long it takes does not tell which account matched;
 * the number itself goes no further than this call.
 */
export async function matchStaffCard(idNumber: string, accounts: readonly Account[]): Promise<Account | undefined> {
  const key = idNumber.trim().toUpperCase();
  const hits = await Promise.all(accounts.map(async (a) => ((await verifyPinAsync(key, a.cardHash ?? '')) ? a : undefined)));
  return hits.find((a) => a !== undefined);
}
