import { unconfirmedPaths } from '../../contract/catalog/unconfirmed';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { writeFileDurablyAsync } from '../durable-file/write-durably';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { CatalogItem, Category, ComplaintCategory, IndexedItem, SearchKey } from '../../contract/catalog/catalog-schema';
import { type CatalogIndex, catalogIndexOf } from '../../contract/catalog/catalog-index';
import { validateCatalog, validateCatalogInSlices, type HiddenItem, type Problem, type ValidCatalog } from './catalog-validate';
import { keyMaker, searchKeysWith, type PinyinTable } from './search-keys';
import { TimeSlices } from './time-slices';

// The catalog the daemon serves: validated item by item, indexed for pinyin
// search once, swapped atomically. A refresh that does not validate leaves
// the last good catalog in place; an accepted refresh is written to disk so
// it survives a restart.

export interface LoadedCatalog {
  version: string;
  publishedAt: string;
  categories: Category[];
  complaintCategories: ComplaintCategory[];
  items: IndexedItem[];
  /** What catalog.get sends, built once per catalog. */
  index: CatalogIndex;
}

interface Rejection {
  at: string;
  source: string;
  problems: Problem[];
}

export interface CatalogDiagnostics {
  loadedAt: string | null;
  source: string | null;
  version: string | null;
  publishedAt: string | null;
  total: number;
  valid: number;
  hidden: HiddenItem[];
  /** Milliseconds spent validating and computing the pinyin index of the current catalog. */
  indexMs: number | null;
  /** Recent catalogs that were refused (newest first), the last good one stayed. */
  rejected: Rejection[];
  /** Served items with texts still marked 待核 (omitted from guides and notices). */
  unconfirmed: Array<{ id: string; paths: string[] }>;
}

export type ReplaceResult = { ok: true; version: string; valid: number; hidden: number } | { ok: false; problems: Problem[] };

export interface CatalogStoreOptions {
  log?: Logger;
  /** Where an accepted refresh is persisted (and read back at boot). */
  refreshedPath?: string;
  now?: () => Date;
  /** Pinyin of the shipped catalog's texts, computed when it was built (search-keys.ts). */
  pinyin?: PinyinTable;
  /** CPU a refresh may take before the event loop gets its turn (time-slices.ts; tests use 0). */
  sliceMs?: number;
}

export class CatalogStore {
  private cat: LoadedCatalog | null = null;
  private byCode = new Map<string, IndexedItem>();
  private byId = new Map<string, IndexedItem>();
  private diag: CatalogDiagnostics = { loadedAt: null, source: null, version: null, publishedAt: null, total: 0, valid: 0, hidden: [], indexMs: null, rejected: [], unconfirmed: [] };
  private readonly listeners = new Set<(c: LoadedCatalog) => void>();
  /** The refresh being applied (the next one waits for it). */
  private replacing: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: CatalogStoreOptions = {}) {}

  /**
   * Boot: the shipped file and the last accepted refresh (if any) are both
   * validated; the newer valid one (publishedAt) is served. Never throws: with
   * nothing valid, current() is null and the diagnostics say why.
   */
  loadAtBoot(shippedPath: string): CatalogDiagnostics {
    const candidates: Array<{ source: string; json: unknown }> = [];
    for (const [source, path] of [[`file:${shippedPath}`, shippedPath], ...(this.opts.refreshedPath ? [[`refresh:${this.opts.refreshedPath}`, this.opts.refreshedPath]] : [])] as const) {
      if (source.startsWith('refresh:') && !existsSync(path)) continue;
      const read = readJson(path);
      if (read.ok) candidates.push({ source, json: read.json });
      else this.reject(source, [{ path: '$', reason: read.reason }]);
    }
    const valid = candidates
      .map((c) => ({ ...c, started: performance.now(), v: validateCatalog(c.json) }))
      .flatMap((c) => {
        if (c.v.ok) return [{ source: c.source, catalog: c.v.catalog, started: c.started }];
        this.reject(c.source, c.v.problems);
        return [];
      })
      .sort((a, b) => Date.parse(b.catalog.publishedAt) - Date.parse(a.catalog.publishedAt));
    const best = valid[0];
    if (best) this.swapAtBoot(best.catalog, best.source, best.started);
    else this.opts.log?.error({ rejected: this.diag.rejected.map((r) => ({ source: r.source, problems: r.problems.slice(0, 5) })) }, 'no valid catalog: the resident screens have no services');
    return this.diagnostics();
  }

  /**
   * A platform refresh. Validates, indexes and swaps in one step (a reader
   * sees the old or the new catalog, never a mix). A body with only version
   * and items keeps the current categories; without publishedAt the receipt
   * time is used. The work runs in time slices (the daemon keeps answering
   * pages meanwhile); refreshes arriving together are applied in turn.
   */
  replace(json: unknown, source = 'platform'): Promise<ReplaceResult> {
    const done = this.replacing.then(() => this.replaceNow(json, source));
    this.replacing = done.catch(() => undefined);
    return done;
  }

  private async replaceNow(json: unknown, source: string): Promise<ReplaceResult> {
    const started = performance.now();
    const slices = new TimeSlices(this.opts.sliceMs);
    const filled = this.fillEnvelope(json);
    const v = await validateCatalogInSlices(filled, slices);
    if (!v.ok) {
      this.reject(source, v.problems);
      return { ok: false, problems: v.problems };
    }
    const index = this.indexer();
    const items = await slices.map(v.catalog.items, index.add);
    this.swap(v.catalog, items, index.unconfirmed, source, started);
    if (this.opts.refreshedPath) await this.persist(filled as Record<string, unknown>, slices);
    return { ok: true, version: v.catalog.version, valid: v.catalog.items.length, hidden: v.catalog.hidden.length };
  }

  current(): LoadedCatalog | null {
    return this.cat;
  }

  /** By 事项编码 (what submissions and receipts carry). */
  item(code: string): CatalogItem | undefined {
    return this.byCode.get(code)?.item;
  }

  itemById(id: string): CatalogItem | undefined {
    return this.byId.get(id)?.item;
  }

  diagnostics(): CatalogDiagnostics {
    return structuredClone(this.diag);
  }

  onChange(fn: (c: LoadedCatalog) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Keys for the next catalog. Texts of the catalog being replaced are not
   * computed again: a refresh mostly repeats them.
   */
  private keyMakerFor(): (raw: string) => SearchKey {
    const learnt = new Map<string, string>();
    for (const k of this.cat?.index.keys ?? []) learnt.set(k.text, k.pinyin);
    for (const e of this.cat?.index.items ?? []) learnt.set(e.nameKey.text, e.nameKey.pinyin);
    return keyMaker(this.opts.pinyin, learnt);
  }

  /**
   * Each valid item's search keys and texts still marked 待核, in one pass
   * over the items (`add`); only items with such texts are listed.
   */
  private indexer(): { add: (item: CatalogItem) => IndexedItem; unconfirmed: Unconfirmed[] } {
    const keyOf = this.keyMakerFor();
    const unconfirmed: Unconfirmed[] = [];
    const add = (item: CatalogItem): IndexedItem => {
      const paths = unconfirmedPaths(item);
      if (paths.length) unconfirmed.push({ id: item.id, paths });
      return { item, search: searchKeysWith(item, keyOf) };
    };
    return { add, unconfirmed };
  }

  /** At boot, in one go (nothing is served yet). */
  private swapAtBoot(v: ValidCatalog, source: string, started: number) {
    const index = this.indexer();
    const items = v.items.map(index.add);
    this.swap(v, items, index.unconfirmed, source, started);
  }

  private swap(v: ValidCatalog, items: IndexedItem[], unconfirmed: Unconfirmed[], source: string, started: number) {
    // Build everything first, then assign: the swap itself is three reference writes.
    const envelope = { version: v.version, publishedAt: v.publishedAt, categories: v.categories, complaintCategories: v.complaintCategories };
    const next: LoadedCatalog = { ...envelope, items, index: catalogIndexOf(envelope, items) };
    const byCode = new Map(items.map((i) => [i.item.code, i]));
    const byId = new Map(items.map((i) => [i.item.id, i]));
    const indexMs = Math.round((performance.now() - started) * 10) / 10;
    this.cat = next;
    this.byCode = byCode;
    this.byId = byId;
    this.diag = {
      ...this.diag,
      loadedAt: this.now().toISOString(),
      source,
      version: v.version,
      publishedAt: v.publishedAt,
      total: v.total,
      valid: items.length,
      hidden: v.hidden,
      indexMs,
      unconfirmed,
    };
    const log = this.opts.log;
    if (v.hidden.length) log?.warn({ source, version: v.version, hidden: v.hidden.map((h) => ({ index: h.index, id: h.id, problems: h.problems.slice(0, 3) })) }, 'catalog items hidden');
    log?.info({ source, version: v.version, valid: items.length, hidden: v.hidden.length, indexMs }, 'catalog loaded');
    for (const fn of this.listeners) fn(next);
  }

  private fillEnvelope(json: unknown): unknown {
    if (!json || typeof json !== 'object' || Array.isArray(json) || !this.cat) return json;
    const o = json as Record<string, unknown>;
    return {
      ...o,
      categories: o.categories ?? this.cat.categories,
      complaintCategories: o.complaintCategories ?? this.cat.complaintCategories,
      publishedAt: o.publishedAt ?? this.now().toISOString(),
    };
  }

  private reject(source: string, problems: Problem[]) {
    this.diag.rejected = [{ at: this.now().toISOString(), source, problems: problems.slice(0, 50) }, ...this.diag.rejected].slice(0, 5);
    this.opts.log?.warn({ source, problems: problems.slice(0, 5) }, 'catalog refused; the last good catalog stays');
  }

  /**
   * The accepted refresh, written durably for the next boot. The text is
   * made item by item in the same slices and written asynchronously: a
   * catalog of thousands of items is several MB.
   */
  private async persist(json: Record<string, unknown>, slices: TimeSlices) {
    const path = this.opts.refreshedPath!;
    const { items, ...envelope } = json;
    const head = JSON.stringify({ ...envelope, items: [] });
    // Written in chunks of about 1 MB: one write per item would be thousands of round trips to the thread pool.
    const chunks = [head.slice(0, -2)];
    let pending = '';
    await slices.map(items as unknown[], (item, i) => {
      pending += (i ? ',' : '') + JSON.stringify(item);
      if (pending.length < 1 << 20) return;
      chunks.push(pending);
      pending = '';
    });
    chunks.push(`${pending}]}`);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFileDurablyAsync(path, chunks);
    } catch (err) {
      this.opts.log?.error({ path, err: (err as Error).message }, 'could not persist the refreshed catalog (it is served until restart)');
    }
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }
}

type Unconfirmed = CatalogDiagnostics['unconfirmed'][number];

function readJson(path: string): { ok: true; json: unknown } | { ok: false; reason: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, reason: `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: `not valid JSON: ${(err as Error).message}` };
  }
}
