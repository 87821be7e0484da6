import type { PrecheckArgs, PrecheckResult } from '../../../contract/api/precheck';
import type { CatalogItem } from '../../../contract/catalog/catalog-schema';
import { chinaDate } from '../../../contract/domain/china-time';
import { ApiFailure } from '../../api/router';
import type { Capability, CapabilityContext } from '../../capability';
import { precheckItem } from '../../catalog/precheck';
import { precheckSlip } from '../../documents/precheck-slip';
import { answering, answeringSync } from '../failures';

/**
 * precheck.evaluate / precheck.print: the daemon holds the catalog and the
 * session's card, so it judges eligibility (card.age is a fact) and composes
 * the 预审结果 slip; the page sends what the resident answered and shows the
 * outcome. Advisory: nothing is submitted.
 */
export function createPrecheckCapability(ctx: CapabilityContext): Capability {
  const { catalog, sessionCard, print, clock } = ctx.services;

  const evaluate = (args: PrecheckArgs): { item: CatalogItem; result: PrecheckResult } => {
    const item = catalog.itemById(args.itemId);
    if (item?.terminal.mode !== 'precheck') throw new ApiFailure('notFound', `no pre-check item ${args.itemId} in the catalog`);
    const now = clock.now();
    const age = sessionCard.sessionCard()?.ageOn(chinaDate(now));
    return { item, result: precheckItem(item, args, age, new Date(now)) };
  };

  return {
    name: 'precheck',
    start() {
      ctx.router.register('precheck.evaluate', (args) => answeringSync(() => evaluate(args).result));
      ctx.router.register('precheck.print', (args) =>
        answering(() => {
          const { item, result } = evaluate(args);
          return print(precheckSlip(item, result, new Date(clock.now()).toISOString(), ctx.config.site, args.locale));
        }),
      );
    },
    stop() {},
  };
}
