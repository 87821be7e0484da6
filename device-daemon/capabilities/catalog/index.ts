import { ApiFailure } from '../../api/router';
import type { Capability, CapabilityContext } from '../../capability';
import { buildOneTimeNotice, toPrinterNotice } from '../../catalog/notice-data';

/**
 * catalog.get (the index), catalog.item (one guide), catalog.diagnostics and catalog.notice over the catalog the
 * composition root loaded; catalog.updated after a refresh; /health "catalog".
 */
export function createCatalogCapability(ctx: CapabilityContext): Capability {
  const { config, router } = ctx;
  const { catalog, clock } = ctx.services;
  let off: (() => void) | undefined;

  const current = () => {
    const c = catalog.current();
    if (!c) throw new ApiFailure('catalogUnavailable', 'no valid service catalog is loaded (see catalog.diagnostics)');
    return c;
  };

  return {
    name: 'catalog',
    start() {
      off = catalog.onChange((c) => {
        const d = catalog.diagnostics();
        ctx.emit('catalog.updated', { version: c.version, publishedAt: c.publishedAt, valid: d.valid, hidden: d.hidden.length });
      });
      router.register('catalog.get', () => current().index);
      router.register('catalog.item', ({ id }) => {
        const c = current();
        const item = catalog.itemById(id);
        if (!item) throw new ApiFailure('notFound', `no catalog item ${id}`);
        return { version: c.version, item };
      });
      router.register('catalog.diagnostics', () => catalog.diagnostics());
      router.register('catalog.notice', ({ itemId }) => {
        current();
        const item = catalog.itemById(itemId);
        if (!item) throw new ApiFailure('notFound', `no catalog item ${itemId}`);
        const notice = buildOneTimeNotice(item, config.site, config.links, new Date(clock.now()));
        return { ...notice, print: toPrinterNotice(notice) };
      });
      ctx.addHealth('catalog', () => {
        const d = catalog.diagnostics();
        return {
          status: catalog.current() ? (d.hidden.length ? 'degraded' : 'ok') : 'unavailable',
          source: d.source,
          version: d.version,
          loadedAt: d.loadedAt,
          valid: d.valid,
          hidden: d.hidden.map((h) => ({ index: h.index, id: h.id, problems: h.problems.slice(0, 3) })),
          rejected: d.rejected.length,
        };
      });
    },
    stop() {
      off?.();
    },
  };
}
