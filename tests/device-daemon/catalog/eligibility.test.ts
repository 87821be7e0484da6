import { describe, expect, it } from 'vitest';
import type { CatalogItem, EligibilityRule } from '../../../contract/catalog/catalog-schema';
import { evaluateEligibility } from '../../../device-daemon/catalog/eligibility';
import { loadShipped } from '../../helpers/catalog';

const store = loadShipped();
const rulesOf = (id: string): EligibilityRule[] => {
  const t = (store.itemById(id) as CatalogItem).terminal;
  if (t.mode !== 'precheck') throw new Error(`${id} is not a precheck item`);
  return t.eligibility;
};
const ids = (rules: EligibilityRule[]) => rules.map((r) => r.id);

describe('precheck eligibility rules (catalog data) evaluated over answers', () => {
  it('重度残疾人护理补贴: grade in a list', () => {
    const rules = rulesOf('WD-KIOSK-032');
    expect(evaluateEligibility(rules, { grade: 'grade1' }).outcome).toBe('eligible');
    expect(evaluateEligibility(rules, { grade: 'grade34MentalIntellectual' }).outcome).toBe('eligible');
    const other = evaluateEligibility(rules, { grade: 'grade34Other' });
    expect(other.outcome).toBe('ineligible');
    expect(ids(other.failed)).toEqual(['grade']);
    expect(ids(evaluateEligibility(rules, { grade: 'none' }).failed)).toEqual(['certificate', 'grade']);
  });

  it('居住证: numbers and yes/no, every unmet rule listed with its message', () => {
    const rules = rulesOf('WD-KIOSK-039');
    expect(evaluateEligibility(rules, { localHukou: false, monthsRegistered: 6, basis: 'job' }).outcome).toBe('eligible');
    const r = evaluateEligibility(rules, { localHukou: false, monthsRegistered: 5, basis: 'none' });
    expect(r.outcome).toBe('ineligible');
    expect(r.failed.map((f) => f.message.zh)).toEqual(['须办理居住登记满半年', '须有合法稳定就业、住所或连续就读之一']);
  });

  it('特困: card age combined with answers (any/all)', () => {
    const rules = rulesOf('WD-KIOSK-029');
    const yes = { noWorkAbility: true, noIncome: true, noSupporter: true, disabled: false };
    expect(evaluateEligibility(rules, yes, { 'card.age': 72 }).outcome).toBe('eligible');
    expect(evaluateEligibility(rules, yes, { 'card.age': 40 }).outcome).toBe('ineligible');
    expect(evaluateEligibility(rules, { ...yes, disabled: true }, { 'card.age': 40 }).outcome).toBe('eligible');
    expect(ids(evaluateEligibility(rules, { ...yes, noIncome: false }, { 'card.age': 72 }).failed)).toEqual(['threeNo']);
  });

  it('低保: advisory rules lead to checkAtWindow, not a refusal', () => {
    const rules = rulesOf('WD-KIOSK-028');
    const base = { localHukou: true, householdSize: 3, incomePerPerson: 500, hasCar: false, multipleHomes: false, consent: true };
    expect(evaluateEligibility(rules, base).outcome).toBe('eligible');
    expect(evaluateEligibility(rules, { ...base, hasCar: true }).outcome).toBe('checkAtWindow');
    expect(evaluateEligibility(rules, { ...base, consent: false }).outcome).toBe('ineligible');
  });

  it('an unknown answer or card fact is for staff to judge (checkAtWindow), never a silent eligible; the rules and facts are named', () => {
    const r = evaluateEligibility(rulesOf('WD-KIOSK-039'), { localHukou: false });
    expect(r.outcome).toBe('checkAtWindow');
    expect(r.failed).toEqual([]);
    expect(ids(r.unjudged)).toEqual(['halfYear', 'basis']);
    expect(r.missing.sort()).toEqual(['basis', 'monthsRegistered']);
    // A failed ineligible rule decides even when others are unanswered.
    expect(evaluateEligibility(rulesOf('WD-KIOSK-039'), { localHukou: true }).outcome).toBe('ineligible');
    // 特困 without a card read: the age rule cannot be judged.
    const noCard = evaluateEligibility(rulesOf('WD-KIOSK-029'), { noWorkAbility: true, noIncome: true, noSupporter: true, disabled: false });
    expect(noCard).toMatchObject({ outcome: 'checkAtWindow', missing: ['card.age'] });
    expect(ids(noCard.unjudged)).toEqual(['group']);
  });
});
