import type { PrecheckResult } from '../../contract/api/precheck';
import type { MaterialsProvided } from '../../contract/api/submission';
import type { AnswerValue } from '../../contract/catalog/form-answers';
import type { CatalogItem } from '../../contract/catalog/catalog-schema';
import { evaluateEligibility } from './eligibility';
import { checkForm } from './form-check';

export interface PrecheckInput {
  answers: Readonly<Record<string, AnswerValue>>;
  materials: MaterialsProvided;
}

/**
 * 预审 of a pre-check item: the answers and materials are checked against the
 * item (FormProblem), then its eligibility rules are evaluated over them and
 * the card's age. `failed` and `reasons` list the rules that do not hold or
 * could not be judged, in catalog order; materials marked `later` are missing.
 */
export function precheckItem(item: CatalogItem, input: PrecheckInput, cardAge: number | undefined, today: Date): PrecheckResult {
  if (item.terminal.mode !== 'precheck') throw new Error(`${item.id} is not a pre-check item`);
  checkForm(item, input, today);
  const rules = item.terminal.eligibility;
  const r = evaluateEligibility(rules, input.answers, { 'card.age': cardAge });
  const flagged = new Set([...r.failed, ...r.unjudged]);
  const listed = rules.filter((rule) => flagged.has(rule));
  const later = new Set(input.materials.filter((m) => m.provided === 'later').map((m) => m.code));
  return {
    outcome: r.outcome,
    failed: listed.map((rule) => rule.id),
    reasons: listed.map((rule) => rule.message),
    missingMaterials: item.materials.filter((m) => later.has(m.id)).map((m) => m.name),
  };
}
