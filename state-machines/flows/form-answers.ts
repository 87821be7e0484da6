import type { FormField } from '../../contract/catalog/catalog-schema';

/**
 * Answers to an item's form fields, and whether they are complete. Pure and
 * shared by the service machine (guards) and the UI (which field to flag).
 * Prefilled fields come from the card in the daemon and are never answered here.
 */
export type AnswerValue = string | number | boolean | string[];
export type Answers = Record<string, AnswerValue>;

/** Fields the resident answers (prefilled ones are shown masked, not asked). */
export type AskedField = Exclude<FormField, { kind: 'prefilled' }>;

export const MOBILE = /^1[3-9]\d{9}$/;

/** Why an answer is not acceptable, or undefined when it is (a missing optional answer is fine). */
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
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return 'invalid';
      const day = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
      const offset = Math.round((Date.parse(value) - day(today)) / 86400_000);
      if (field.minOffsetDays !== undefined && offset < field.minOffsetDays) return 'invalid';
      if (field.maxOffsetDays !== undefined && offset > field.maxOffsetDays) return 'invalid';
      return undefined;
    }
  }
}

export function pageProblems(fields: readonly AskedField[], answers: Answers, today?: Date): string[] {
  return fields.filter((f) => answerProblem(f, answers[f.id], today) !== undefined).map((f) => f.id);
}

/** Split the asked fields into pages of `perPage` (elder mode: one question per screen). */
export function paginate<T>(fields: readonly T[], perPage: number): T[][] {
  const size = Math.max(1, perPage);
  const pages: T[][] = [];
  for (let i = 0; i < fields.length; i += size) pages.push(fields.slice(i, i + size));
  return pages;
}
