import type { Condition, EligibilityRule, Scalar } from '../../contract/catalog/catalog-schema';

// Evaluates a pre-check item's eligibility rules (data in the catalog) over
// the resident's answers and the facts the daemon derives from the session's
// card (card.age). The outcome is advisory — the department decides — and a
// rule that cannot be judged is for staff: never a silent "eligible".

export type Answers = Readonly<Record<string, Scalar | Scalar[] | undefined>>;
/** Facts from the card: `card.age` (whole years, China time); absent when no card was read. */
export type Facts = Readonly<Record<string, number | undefined>>;

type Outcome = 'eligible' | 'ineligible' | 'checkAtWindow';

export interface EligibilityResult {
  outcome: Outcome;
  /** Rules that do not hold, in catalog order. */
  failed: EligibilityRule[];
  /** Rules that could not be judged (an answer or a card fact is missing), in catalog order. */
  unjudged: EligibilityRule[];
  /** The answers or facts those rules needed. */
  missing: string[];
}

type Tri = true | false | 'unknown';

function factValue(fact: string, answers: Answers, facts: Facts): Scalar | Scalar[] | undefined {
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
  const v = factValue(c.fact, answers, facts);
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

/**
 * ineligible when a rule of that severity fails (whatever else is unknown);
 * otherwise checkAtWindow when a rule fails or cannot be judged; else eligible.
 */
export function evaluateEligibility(rules: readonly EligibilityRule[], answers: Answers, facts: Facts = {}): EligibilityResult {
  const missing = new Set<string>();
  const failed: EligibilityRule[] = [];
  const unjudged: EligibilityRule[] = [];
  for (const rule of rules) {
    const r = test(rule.require, answers, facts, missing);
    if (r === false) failed.push(rule);
    else if (r === 'unknown') unjudged.push(rule);
  }
  const outcome: Outcome = failed.some((r) => r.severity === 'ineligible') ? 'ineligible' : failed.length || unjudged.length ? 'checkAtWindow' : 'eligible';
  return { outcome, failed, unjudged, missing: [...missing] };
}
