import { chinaDate } from '../domain/china-time';
import type { FormField } from './catalog-schema';

// The rule of one answer to a catalog form field. One implementation for the
// page (which field to flag while the resident types) and the daemon (which
// refuses an application or a pre-check that breaks it): the two must never
// disagree about what a valid answer is.

export type AnswerValue = string | number | boolean | string[];

/** Fields the resident answers (prefilled ones come from the card in the daemon, shown masked, never asked). */
export type AskedField = Exclude<FormField, { kind: 'prefilled' }>;

/** An 11-digit mainland mobile number. */
export const MOBILE = /^1[3-9]\d{9}$/;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Why an answer is not acceptable, or undefined when it is (a missing
 * optional answer is fine). Date bounds count from `today`'s date in China
 * time, the terminal's business day whatever the OS time zone.
 */
export function answerProblem(field: AskedField, value: AnswerValue | undefined, today = new Date()): 'missing' | 'invalid' | undefined {
  const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (empty) return field.required ? 'missing' : undefined;
  switch (field.kind) {
    case 'choice': {
      const allowed = new Set(field.options.map((o) => o.value));
      const vals = Array.isArray(value) ? value : [value];
      if (!field.multiple && Array.isArray(value)) return 'invalid';
      return vals.every((v) => typeof v === 'string' && allowed.has(v)) ? undefined : 'invalid';
    }
    case 'yesNo':
      return typeof value === 'boolean' ? undefined : 'invalid';
    case 'phone':
      return typeof value === 'string' && MOBILE.test(value) ? undefined : 'invalid';
    case 'number':
      return typeof value === 'number' && value >= field.min && value <= field.max && (!field.integer || Number.isInteger(value)) ? undefined : 'invalid';
    case 'date': {
      if (typeof value !== 'string' || !ISO_DAY.test(value) || Number.isNaN(Date.parse(value))) return 'invalid';
      const offset = Math.round((Date.parse(value) - Date.parse(chinaDate(today.getTime()))) / 86400_000);
      if (field.minOffsetDays !== undefined && offset < field.minOffsetDays) return 'invalid';
      if (field.maxOffsetDays !== undefined && offset > field.maxOffsetDays) return 'invalid';
      return undefined;
    }
  }
}
