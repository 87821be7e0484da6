import { z } from 'zod';
import { command, event } from './define';
import { CatalogItem } from '../catalog/catalog-schema';
import { CatalogIndex } from '../catalog/catalog-index';
import { OneTimeNoticeData } from './printer';

// Commands and events of the catalog capability. The catalog is validated
// item by item in the daemon; the UI gets only valid items. catalog.get sends
// the index (names, categories, pinyin search keys computed once at load, so
// the UI bundle never carries a pinyin dictionary); an item's guide comes
// with catalog.item when a resident opens it.

const Empty = z.object({}).strict();
const Problem = z.object({ path: z.string(), reason: z.string() });

const CatalogDiagnosticsView = z.object({
  loadedAt: z.string().nullable(),
  /** file:<path> (shipped), refresh:<path> (last platform refresh, read back at boot) or platform. */
  source: z.string().nullable(),
  version: z.string().nullable(),
  publishedAt: z.string().nullable(),
  total: z.int(),
  valid: z.int(),
  hidden: z.array(z.object({ index: z.int(), id: z.string().nullable(), code: z.string().nullable(), problems: z.array(Problem) })),
  indexMs: z.number().nullable(),
  rejected: z.array(z.object({ at: z.string(), source: z.string(), problems: z.array(Problem) })),
  /** Texts still marked 待核 in served items (paths within the item): never shown to residents, to be confirmed. */
  unconfirmed: z.array(z.object({ id: z.string(), paths: z.array(z.string()) })),
});

/**
 * What a one-time notice (一次性告知单) needs, built from the item and the
 * site's config (device-daemon/catalog/notice-data.ts). Time limits may be
 * null (no legal limit, 即办); the wording of the guide is kept alongside.
 */
export const OneTimeNotice = z.object({
  itemId: z.string(),
  itemName: z.string(),
  itemNameEn: z.string(),
  /** Present only when the code is official: synthetic sample codes are never printed. */
  itemCode: z.string().optional(),
  materials: z.array(z.object({ name: z.string(), originals: z.int().min(0), copies: z.int().min(0), required: z.boolean(), note: z.string().optional() })),
  timeLimit: z.object({
    legalDays: z.int().nullable(),
    promisedDays: z.int().nullable(),
    workingDays: z.boolean(),
    instant: z.boolean(),
    legalText: z.string(),
    promisedText: z.string(),
  }),
  fees: z.string(),
  where: z.array(z.object({ place: z.string(), address: z.string().optional(), hours: z.string().optional() })).min(1),
  phones: z.object({ consultation: z.string(), supervision: z.string() }),
  guideUrl: z.string(),
  issuedAt: z.string(),
});
export type OneTimeNotice = z.infer<typeof OneTimeNotice>;

export const catalogCommands = {
  'catalog.get': command({
    args: Empty,
    result: CatalogIndex,
    doc: "The catalog index: categories, 有诉即办 categories, and every valid item with what lists and search need (names, category, frequent, pinyin search keys; keys shared by items are sent once in `keys`). An item's guide: catalog.item.",
  }),
  'catalog.item': command({
    args: z.object({ id: z.string().min(1).max(64) }).strict(),
    result: z.object({ version: z.string(), item: CatalogItem }),
    doc: "One item's full guide (办事指南: conditions, materials, steps, time limits, fees, where, its terminal service), from the catalog of `version`; notFound when the current catalog has no such item.",
  }),
  'catalog.diagnostics': command({
    args: Empty,
    result: CatalogDiagnosticsView,
    doc: 'For technicians: where the catalog came from, how many items are valid, which are hidden and why (JSON path + reason), refused refreshes.',
  }),
  'catalog.notice': command({
    args: z.object({ itemId: z.string().min(1).max(64) }).strict(),
    result: OneTimeNotice.extend({
      /** The same notice as the printer's layout data: what printer.print({ layout: 'oneTimeNotice', itemId }) prints. */
      print: OneTimeNoticeData,
    }),
    doc: 'The one-time notice (一次性告知单) of an item: materials with counts, time limits, fees, where to go, phones, guide URL; `print` is the printer layout data.',
  }),
};

export const catalogEvents = {
  'catalog.updated': event({
    data: z.object({ version: z.string(), publishedAt: z.string(), valid: z.int(), hidden: z.int() }),
    doc: 'A new catalog replaced the old one (platform refresh): fetch catalog.get again.',
  }),
};
