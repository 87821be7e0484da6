import type { PrecheckArgs, PrecheckResult } from '../../../contract/api/precheck';
import { chinaDate } from '../../../contract/domain/china-time';
import { ApiFailure, type CommandRouter } from '../../api/router';
import type { CatalogStore } from '../../catalog/catalog-store';
import { precheckItem } from '../../catalog/precheck';
import type { SessionCardHolder } from '../../devices/id-card/session-card';
import { precheckSlip } from '../../documents/precheck-slip';
import type { Clock, PrintPath } from '../../capability';
import { asApiFailure } from '../failures';

export interface PrecheckServices {
  catalog: CatalogStore;
  sessionCard: SessionCardHolder;
  print: PrintPath;
  clock: Clock;
}

/**
 * precheck.evaluate / precheck.print: the daemon holds the catalog and the
 * session's card, so it judges eligibility and composes the 预审结果 slip;
 * the page sends what the resident answered and shows the outcome.
 */
export function registerPrecheck(router: CommandRouter, s: PrecheckServices): void {
  const evaluate = (args: PrecheckArgs): { item: NonNullable<ReturnType<CatalogStore['itemById']>>; result: PrecheckResult } => {
    const item = s.catalog.itemById(args.itemId);
    if (!item || item.terminal.mode !== 'precheck') throw new ApiFailure('notFound', `no pre-check item ${args.itemId} in the catalog`);
    const now = s.clock.now();
    const age = s.sessionCard.sessionCard()?.ageOn(chinaDate(now));
    try {
      return { item, result: precheckItem(item, args, age, new Date(now)) };
    } catch (err) {
      return asApiFailure(err);
    }
  };
  router.register('precheck.evaluate', (args) => evaluate(args).result);
  router.register('precheck.print', async (args) => {
    const { item, result } = evaluate(args);
    return s.print(precheckSlip(item, result, new Date(s.clock.now()).toISOString()));
  });
}
