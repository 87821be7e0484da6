import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../../contract/catalog/catalog-schema';
import { FormProblem } from '../../../device-daemon/catalog/form-check';
import { precheckItem } from '../../../device-daemon/catalog/precheck';
import { loadShipped } from '../../helpers/catalog';

const store = loadShipped();
const item = (id: string) => store.itemById(id) as CatalogItem;
const today = new Date('2025-06-02T09:00:00+08:00');
const phone = { contactPhone: '13900001234' };

describe('预审 of a pre-check item', () => {
  it('就业困难人员认定: the card age decides working age; advisory rules and unknown facts are listed in catalog order with their messages', () => {
    const answers = { registeredUnemployed: false, situation: 'older', ...phone };
    const r = precheckItem(
      item('WD-KIOSK-013'),
      {
        answers,
        materials: [
          { code: 'm1', provided: 'later' },
          { code: 'm3', provided: 'onSite' },
        ],
      },
      45,
      today,
    );
    expect(r).toEqual({
      outcome: 'checkAtWindow',
      failed: ['registered'],
      reasons: [{ zh: '请先办理失业登记', en: 'Register as unemployed first' }],
      missingMaterials: [item('WD-KIOSK-013').materials[0]!.name],
    });
    expect(precheckItem(item('WD-KIOSK-013'), { answers, materials: [] }, 65, today)).toMatchObject({ outcome: 'ineligible', failed: ['workingAge', 'registered'] });
    // no card read: the age rule cannot be judged — listed, and never eligible
    const noCard = precheckItem(item('WD-KIOSK-013'), { answers: { ...answers, registeredUnemployed: true }, materials: [] }, undefined, today);
    expect(noCard).toMatchObject({ outcome: 'checkAtWindow', failed: ['workingAge'], reasons: [{ zh: '须在法定劳动年龄内' }] });
    expect(precheckItem(item('WD-KIOSK-013'), { answers: { ...answers, registeredUnemployed: true }, materials: [] }, 30, today)).toMatchObject({ outcome: 'eligible', failed: [], reasons: [] });
  });

  it('answers are checked against the item first (paths relative to the pre-check arguments)', () => {
    const problem = (answers: Record<string, unknown>, materials: Array<{ code: string; provided: 'later' }> = []) => {
      try {
        precheckItem(item('WD-KIOSK-039'), { answers: answers as never, materials }, undefined, today);
      } catch (err) {
        if (err instanceof FormProblem) return { field: err.field, reason: err.reason };
        throw err;
      }
      return undefined;
    };
    const ok = { localHukou: false, monthsRegistered: 7, basis: 'job', ...phone };
    expect(problem(ok)).toBeUndefined();
    expect(problem({ ...ok, monthsRegistered: 601 })).toEqual({ field: 'answers.monthsRegistered', reason: 'invalid' });
    expect(problem({ ...ok, basis: undefined })).toEqual({ field: 'answers.basis', reason: 'missing' });
    expect(problem({ ...ok, age: 30 })).toEqual({ field: 'answers.age', reason: 'unknownField' });
    expect(problem(ok, [{ code: 'x1', provided: 'later' }])).toEqual({ field: 'materials[0].code', reason: 'unknownMaterial' });
  });

  it('an item that is not a pre-check item is not evaluated', () => {
    expect(() => precheckItem(item('WD-KIOSK-001'), { answers: {}, materials: [] }, 40, today)).toThrow(/not a pre-check item/);
  });
});
