import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SubmitArgs } from '../../../contract/api/submission';
import { CatalogItem } from '../../../contract/catalog/catalog-schema';
import { applicationArgs, askedMaterials, deliveryChoices, precheckArgs, serviceInput } from '../../../kiosk-ui/src/flows/service-args';
import { PrecheckArgs } from '../../../contract/api/precheck';
import { pageProblems } from '../../../state-machines/flows/form-answers';
import { ROOT } from '../../helpers/daemon';

// The UI builds submission.submit from the catalog item and the journey's
// answers; the daemon checks it against the same contract. Every apply item
// of the shipped catalog must produce arguments the contract accepts — and
// never carry a name, ID number or address (the daemon attaches those).
const raw = JSON.parse(readFileSync(join(ROOT, 'assets/catalog/catalog.json'), 'utf8')) as { items: unknown[] };
const items = raw.items.map((i) => CatalogItem.parse(i));
const applyItems = items.filter((i) => i.terminal.mode === 'apply');
const precheckItems = items.filter((i) => i.terminal.mode === 'precheck');

function answersFor(fields: ReturnType<typeof serviceInput> extends infer T ? (T extends { fields: infer F } ? F : never) : never) {
  const a: Record<string, string | number | boolean | string[]> = {};
  for (const f of fields) {
    if (f.kind === 'choice') a[f.id] = f.multiple ? [f.options[0]!.value] : f.options[0]!.value;
    else if (f.kind === 'yesNo') a[f.id] = true;
    else if (f.kind === 'phone') a[f.id] = '13912345678';
    else if (f.kind === 'number') a[f.id] = f.min;
    else if (f.kind === 'date') a[f.id] = '2026-11-28';
  }
  return a;
}

describe('application arguments built by the UI', () => {
  it('the shipped catalog has apply items to check', () => {
    expect(applyItems.length).toBeGreaterThanOrEqual(10);
  });

  it.each(applyItems.map((i) => [i.id, i] as const))('%s: valid per the contract, every delivery choice, no personal data', (_, item) => {
    const input = serviceInput(item, false, '00000000-0000-4000-8000-0000000000ab', Date.parse('2026-11-28T10:00:00+08:00'))!;
    const answers = answersFor(input.fields);
    expect(pageProblems(input.fields, answers, new Date('2026-11-28T00:00:00'))).toEqual([]);
    const provided: Record<string, 'have' | 'later' | 'post'> = Object.fromEntries(askedMaterials(item).map((m, i) => [m.id, (['have', 'later', 'post'] as const)[i % 3]!]));
    const choices = deliveryChoices(item);
    for (const delivery of choices.length ? choices : (['pickup'] as const)) {
      const args = applicationArgs(item, { idempotencyKey: input.idempotencyKey, itemId: item.id, answers, provided, delivery });
      const parsed = SubmitArgs.safeParse(args);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      const text = JSON.stringify(args);
      // Only the phone the resident typed; identity comes from the daemon's card record.
      expect(text).not.toMatch(/\d{17}[\dX]/);
      expect(args).toMatchObject({ kind: 'application', applicant: 'sessionCard', itemCode: item.code });
      // The promised date is the daemon's (catalog time limit + holiday calendar): the page never sends days.
      expect(Object.keys(args).sort()).toEqual(['applicant', 'idempotencyKey', 'itemCode', 'kind', 'payload']);
      if (delivery === 'post') expect(args.payload).toMatchObject({ delivery: { method: 'post', addressFrom: 'card' } });
      // Every material of the item is accounted for: asked ones as chosen, the rest as the terminal obtains them.
      const codes = (args.payload as { materials: Array<{ code: string }> }).materials.map((m) => m.code);
      for (const m of askedMaterials(item)) expect(codes).toContain(m.id);
    }
  });

  it.each(precheckItems.map((i) => [i.id, i] as const))('pre-check %s: the arguments of precheck.evaluate / precheck.print are valid per the contract', (_, item) => {
    const input = serviceInput(item, true, '00000000-0000-4000-8000-0000000000ac', Date.parse('2026-11-28T10:00:00+08:00'))!;
    expect(input).toMatchObject({ mode: 'precheck', perPage: 1, delivery: [] });
    const provided = Object.fromEntries(askedMaterials(item).map((m) => [m.id, 'later' as const]));
    const args = precheckArgs(item, { itemId: item.id, answers: answersFor(input.fields), provided });
    const parsed = PrecheckArgs.safeParse(args);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    for (const m of askedMaterials(item)) expect(args.materials).toContainEqual({ code: m.id, provided: 'later' });
  });

  it('"today" of a journey is the day in China, whatever the page\'s time zone', () => {
    const item = applyItems[0]!;
    // 2026-11-28 23:30 UTC is already 2026-11-29 07:30 in Weidong.
    expect(serviceInput(item, false, '00000000-0000-4000-8000-0000000000ad', Date.parse('2026-11-28T23:30:00Z'))!.today).toBe('2026-11-29');
    expect(serviceInput(item, false, '00000000-0000-4000-8000-0000000000ad', Date.parse('2026-11-28T15:59:00Z'))!.today).toBe('2026-11-28');
  });
});
