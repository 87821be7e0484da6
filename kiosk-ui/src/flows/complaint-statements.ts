import type { ComplaintCategoryId } from '../../../contract/catalog/catalog-schema';
import { translate, type MessageKey } from '../i18n';

/**
 * Preset statements per 有诉即办 category (ids; the words are in the locale
 * files). The submission carries their Chinese wording, whatever language
 * the resident used, because the department reads Chinese.
 */
export const COMPLAINT_STATEMENTS = {
  efficiency: ['manyTrips', 'overdue', 'extraMaterials', 'noAnswer'],
  serviceAttitude: ['rude', 'ignored', 'unclear'],
  policy: ['unclearRule', 'inconsistent', 'suggestion'],
  terminalFault: ['noRead', 'noPrint', 'screen', 'stuck'],
  other: ['other'],
} as const satisfies Record<ComplaintCategoryId, readonly string[]>;
/** Offered in every category. */
const CALL_ME = 'callMe';

type Statements = typeof COMPLAINT_STATEMENTS;
type StatementKey = 'complaint.statement.callMe' | { [C in keyof Statements]: `complaint.statement.${C}.${Statements[C][number]}` }[keyof Statements];
// Every preset statement has its words: a statement added above without them is a type error here.
const statementKeysExist: StatementKey extends MessageKey ? true : never = true;
void statementKeysExist;

const isCategory = (category: string): category is keyof Statements => Object.hasOwn(COMPLAINT_STATEMENTS, category);

/** The statements offered under a category (the catalog's category ids), then "call me". */
export function statementsOf(category: string | undefined): string[] {
  return category && isCategory(category) ? [...COMPLAINT_STATEMENTS[category], CALL_ME] : [];
}

/** The locale key of a statement offered under `category` (statementsOf). */
export function statementKey(category: string, id: string): MessageKey {
  if (id === CALL_ME) return 'complaint.statement.callMe';
  const ids: readonly string[] = isCategory(category) ? COMPLAINT_STATEMENTS[category] : [];
  if (!ids.includes(id)) throw new Error(`no statement ${id} under ${category}`);
  return `complaint.statement.${category}.${id}` as StatementKey;
}

/** The complaint text the department reads: the chosen statements in Chinese. */
export function complaintText(category: string, statements: readonly string[]): string {
  return statements.map((id) => translate('zh-CN', statementKey(category, id))).join('；');
}
