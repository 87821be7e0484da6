import { answerProblem, type AnswerValue, type AskedField } from '../../contract/catalog/form-answers';

// The rule of one answer lives in the contract: the daemon checks the same one.
export { MOBILE, type AnswerValue, type AskedField } from '../../contract/catalog/form-answers';

/**
 * Answers to an item's form fields, and whether they are complete. Pure and
 * shared by the service machine (guards) and the UI (which field to flag).
 * Prefilled fields come from the card in the daemon and are never answered here.
 */
export type Answers = Record<string, AnswerValue>;

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
