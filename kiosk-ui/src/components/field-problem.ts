import { MOBILE, type AnswerValue, type AskedField } from '../../../state-machines/flows/form-answers';
import type { MessageKey } from '../i18n';

/**
 * The message naming what is actually wrong with an answer the form flagged:
 * a number that is too short is told its length, eleven digits that are not
 * a mainland mobile number (it starts with 2 …) are told that.
 */
export function fieldProblem(field: AskedField, value: AnswerValue | undefined): { key: MessageKey; params?: Record<string, number> } {
  if (value === undefined || value === '') return { key: 'service.required' };
  if (field.kind === 'phone') return phoneProblem(String(value));
  return { key: `service.invalid.${field.kind}` };
}

/** What is wrong with a mobile number that is not accepted: its length, or that it is not a mobile number at all. */
export function phoneProblem(value: string): { key: MessageKey; params?: Record<string, number> } {
  const digits = value.replace(/\D/g, '').length;
  if (digits !== 11) return { key: 'service.invalid.phone.short', params: { digits } };
  return MOBILE.test(value) ? { key: 'service.required' } : { key: 'service.invalid.phone.notMobile' };
}
