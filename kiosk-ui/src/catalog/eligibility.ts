import type { Condition, EligibilityRule, Scalar } from '../../../contract/catalog/catalog-schema';

// Evaluates a precheck item's eligibility rules (data in the catalog) over the
// resident's answers and the facts derived from the card (card.age). Pure: the
// same function can run in the UI and in tests. The outcome is advisory — the
// department decides — so the screen words it as a preliminary check.

export type Answers = Record<string, Scalar | Scalar[] | undefined>;
export type Facts = Record<string, number | undefined>;

export type Outcome = 'eligible' | 'ineligible' | 'checkAtWindow' | 'incomplete';

export interface EligibilityResult {
  outcome: Outcome;
  /** Rules that do not hold, in catalog order (their messages are shown). */
  failed: EligibilityRule[];
  /** Facts or answers a rule needed that are missing. */
  missing: string[];
}

type Tri = true | false | 'unknown';

function valueOf(fact: string, answers: Answers, facts: Facts): Scalar | Scalar[] | undefined {
  return fact.startsWith('card.') ? facts[fact] : answers[fact];
}

function test(c: Condition, answers: Answers, facts: Facts, missing: Set<string>): Tri {
  if ('all' in c) {
    const r = c.all.map((x) => test(x, answers, facts, missing));
    return r.includes(false) ? false : r.includes('unknown') ? 'unknown' : true;
  }
  if ('any' in c) {
    const r = c.any.map((x) => test(x, answers, facts, missing));
    return r.includes(true) ? true : r.includes('unknown') ? 'unknown' : false;
  }
  if ('not' in c) {
    const r = test(c.not, answers, facts, missing);
    return r === 'unknown' ? r : !r;
  }
  const v = valueOf(c.fact, answers, facts);
  if (v === undefined || (Array.isArray(v) && v.length === 0)) {
    missing.add(c.fact);
    return 'unknown';
  }
  // A multiple-choice answer satisfies eq/in when any chosen value does.
  const values = Array.isArray(v) ? v : [v];
  switch (c.op) {
    case 'eq':
      return values.includes(c.value);
    case 'ne':
      return !values.includes(c.value);
    case 'in':
      return values.some((x) => c.value.includes(x));
    case 'gt':
      return values.every((x) => typeof x === 'number' && x > c.value);
    case 'gte':
      return values.every((x) => typeof x === 'number' && x >= c.value);
    case 'lt':
      return values.every((x) => typeof x === 'number' && x < c.value);
    case 'lte':
      return values.every((x) => typeof x === 'number' && x <= c.value);
  }
}

export function evaluateEligibility(rules: EligibilityRule[], answers: Answers, facts: Facts = {}): EligibilityResult {
  const missing = new Set<string>();
  const failed: EligibilityRule[] = [];
  let unknown = false;
  for (const rule of rules) {
    const r = test(rule.require, answers, facts, missing);
    if (r === false) failed.push(rule);
    else if (r === 'unknown') unknown = true;
  }
  const outcome: Outcome = failed.some((r) => r.severity === 'ineligible')
    ? 'ineligible'
    : unknown
      ? 'incomplete'
      : failed.length
        ? 'checkAtWindow'
        : 'eligible';
  return { outcome, failed, missing: [...missing] };
}

/** Whole years between an ISO birth date (from the card) and today, China time is close enough at day precision. */
export function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
  return age;
}
