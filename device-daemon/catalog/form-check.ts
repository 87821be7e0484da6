import { answerProblem, type AnswerValue, type AskedField } from '../../contract/catalog/form-answers';
import type { CatalogItem, FormField } from '../../contract/catalog/catalog-schema';

// An application or a pre-check is checked against its catalog item before
// anything is evaluated or stored: the page that built it may be stale,
// buggy or not the kiosk's page at all.

export type FormProblemReason = 'missing' | 'invalid' | 'unknownField' | 'notAsked' | 'unknownMaterial' | 'repeatedMaterial';

/** An answer or a material that does not fit the item; `field` is its path in the command's arguments. */
export class FormProblem extends Error {
  constructor(
    readonly field: string,
    readonly reason: FormProblemReason,
    message: string,
  ) {
    super(message);
    this.name = 'FormProblem';
  }
}

export interface FormInput {
  answers: Readonly<Record<string, AnswerValue>>;
  materials: ReadonlyArray<{ code: string }>;
}

/**
 * Throws the first problem: an answer to a field the item does not ask (or
 * fills from the card), then each field in catalog order (required answered,
 * options, phone, number and date bounds, `today` in China time), then each
 * material code. `at` prefixes the paths ('payload.' for submission.submit).
 */
export function checkForm(item: CatalogItem, input: FormInput, today: Date, at = ''): void {
  const fields = item.terminal.mode === 'apply' || item.terminal.mode === 'precheck' ? item.terminal.fields : [];
  const byId = new Map<string, FormField>(fields.map((f) => [f.id, f]));
  for (const id of Object.keys(input.answers)) {
    const f = byId.get(id);
    const path = `${at}answers.${id}`;
    if (!f) throw new FormProblem(path, 'unknownField', `${path}: item ${item.code} has no field ${JSON.stringify(id)}`);
    if (f.kind === 'prefilled') throw new FormProblem(path, 'notAsked', `${path}: filled from the card read in this session, never answered by the page`);
  }
  for (const f of fields) {
    if (f.kind === 'prefilled') continue;
    const problem = answerProblem(f, input.answers[f.id], today);
    const path = `${at}answers.${f.id}`;
    if (problem) throw new FormProblem(path, problem, `${path}: ${problem === 'missing' ? 'an answer is required' : expected(f)}`);
  }
  const known = new Set(item.materials.map((m) => m.id));
  const seen = new Set<string>();
  input.materials.forEach((m, i) => {
    const path = `${at}materials[${i}].code`;
    if (!known.has(m.code)) throw new FormProblem(path, 'unknownMaterial', `${path}: item ${item.code} has no material ${JSON.stringify(m.code)}`);
    if (seen.has(m.code)) throw new FormProblem(path, 'repeatedMaterial', `${path}: material ${m.code} is listed twice`);
    seen.add(m.code);
  });
}

function expected(f: AskedField): string {
  switch (f.kind) {
    case 'choice':
      return `expected ${f.multiple ? 'a list of' : 'one of'} ${f.options.map((o) => o.value).join(', ')}`;
    case 'yesNo':
      return 'expected true or false';
    case 'phone':
      return 'expected an 11-digit mainland mobile number';
    case 'number':
      return `expected a ${f.integer ? 'whole ' : ''}number from ${f.min} to ${f.max}`;
    case 'date':
      return `expected a date YYYY-MM-DD${f.minOffsetDays !== undefined ? `, at least ${f.minOffsetDays} days from today` : ''}${f.maxOffsetDays !== undefined ? `, at most ${f.maxOffsetDays} days from today` : ''}`;
  }
}
