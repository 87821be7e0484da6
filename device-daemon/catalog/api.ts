import { dirname, join, resolve } from 'node:path';
import type { CapabilityContext } from '../capability';
import { ApiFailure } from '../api/router';
import { ROOT_DIR } from '../version';
import { CatalogStore } from './catalog-store';
import { setCatalogStore } from './index';
import { buildOneTimeNotice, toPrinterNotice } from './notice-data';


// Catalog commands (issue 6): catalog.get, catalog.diagnostics, catalog.notice;
// event catalog.updated after a platform refresh; /health section "catalog".
export function registerCatalogApi(ctx: CapabilityContext): void {
  const { config, router, log } = ctx;
  const configured = config.catalog.path;
  const shippedPath = resolve(ROOT_DIR, configured);
  // An accepted platform refresh lives next to the terminal's other state.
  const refreshedPath = join(dirname(config.storage.path), 'catalog-refreshed.json');
  const store = new CatalogStore({ log: log.child({ capability: 'catalog' }), refreshedPath });
  store.loadAtBoot(shippedPath);
  setCatalogStore(store);
  ctx.addService({ name: 'catalog', stop: () => setCatalogStore(null) });

  store.onChange((c) => {
    const d = store.diagnostics();
    ctx.emit('catalog.updated', { version: c.version, publishedAt: c.publishedAt, valid: d.valid, hidden: d.hidden.length });
  });

  const current = () => {
    const c = store.current();
    if (!c) throw new ApiFailure('catalogUnavailable', 'no valid service catalog is loaded (see catalog.diagnostics)');
    return c;
  };

  router.register('catalog.get', () => {
    const c = current();
    return { version: c.version, publishedAt: c.publishedAt, categories: c.categories, complaintCategories: c.complaintCategories, items: c.items };
  });

  router.register('catalog.diagnostics', () => store.diagnostics());

  router.register('catalog.notice', ({ itemId }) => {
    current();
    const item = store.itemById(itemId);
    if (!item) throw new ApiFailure('notFound', `no catalog item ${itemId}`);
    const notice = buildOneTimeNotice(item, config.site, config.links);
    return { ...notice, print: toPrinterNotice(notice) };
  });

  ctx.addHealth('catalog', () => {
    const d = store.diagnostics();
    return {
      status: store.current() ? (d.hidden.length ? 'degraded' : 'ok') : 'unavailable',
      source: d.source,
      version: d.version,
      loadedAt: d.loadedAt,
      valid: d.valid,
      hidden: d.hidden.map((h) => ({ index: h.index, id: h.id, problems: h.problems.slice(0, 3) })),
      rejected: d.rejected.length,
    };
  });
}
