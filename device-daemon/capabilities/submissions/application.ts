import type { SubmitArgs } from '../../../contract/api/submission';
import type { CatalogItem } from '../../../contract/catalog/catalog-schema';
import { ApiFailure } from '../../api/router';
import type { CatalogStore } from '../../catalog/catalog-store';
import { checkForm } from '../../catalog/form-check';

type Application = Extract<SubmitArgs, { kind: 'application' }>;

/**
 * The catalog item an application is for: it must be an item of the catalog
 * being served that is applied for at this terminal, and the answers and
 * materials must fit it (FormProblem otherwise). Checked at `at` (China-time
 * day of acceptance for date answers).
 */
export function applicationItem(catalog: CatalogStore, args: Application, at: number): CatalogItem {
  const item = catalog.item(args.itemCode);
  if (!item) throw new ApiFailure('invalidArgs', `itemCode ${JSON.stringify(args.itemCode)} is not an item of the service catalog`, { field: 'itemCode', reason: 'unknownItem' });
  if (item.terminal.mode !== 'apply') {
    throw new ApiFailure('invalidArgs', `itemCode ${args.itemCode}: this item cannot be applied for at this terminal (${item.terminal.mode})`, { field: 'itemCode', reason: 'notApply' });
  }
  checkForm(item, args.payload, new Date(at), 'payload.');
  return item;
}
