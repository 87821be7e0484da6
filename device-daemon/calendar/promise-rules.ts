import type { TimeLimit } from '../../contract/catalog/catalog-schema';
import { addDays, chinaDate } from '../../contract/domain/china-time';
import type { DueDate, WorkingDayCalendar } from '../../contract/domain/working-days';

// Promised dates (承诺办结时限) are official: printed on the receipt and
// answered by progress queries. The daemon decides them from data it holds
// (the catalog item, the holiday calendar), never from what a page sends.

/** How long the office has: an item's time limit, or one of the daemon's own rules. */
export type PromiseRule = Pick<TimeLimit, 'promisedDays' | 'unit' | 'caseType'>;

/**
 * 有诉即办: a complaint is answered within 5 working days. That is the Henan
 * township practice this terminal follows (Xiangcheng county publishes 5
 * working days with a 100 % callback; Dezhou, Shandong, the same); the
 * national texts give no single figure and other places use 7 or 15 days.
 * See shared/reference/government-service-rules.md §1.5.
 */
export const COMPLAINT_RESPONSE: PromiseRule = { promisedDays: 5, unit: 'working', caseType: 'promised' };

/**
 * The promised date of something accepted at `acceptedAtMs` under `rule`:
 * an instant item (即办件) is due the day it is accepted; working days count
 * from the day after acceptance on the holiday calendar (provisional when the
 * calendar lacks a year); calendar days ignore holidays. null when the rule
 * promises no date (a case whose guide sets no fixed limit).
 */
export function promisedDate(rule: PromiseRule, acceptedAtMs: number, calendar: WorkingDayCalendar): DueDate | null {
  const accepted = chinaDate(acceptedAtMs);
  if (rule.caseType === 'instant') return { date: accepted, provisional: false, missingYears: [] };
  if (rule.promisedDays === null) return null;
  if (rule.unit === 'calendar') return { date: addDays(accepted, rule.promisedDays), provisional: false, missingYears: [] };
  return calendar.dueDate(acceptedAtMs, rule.promisedDays);
}
