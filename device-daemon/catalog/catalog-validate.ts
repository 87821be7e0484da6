import type { z } from 'zod';
import { CatalogFile, type CatalogItem, type Category, type ComplaintCategory } from '../../contract/catalog/catalog-schema';
import { parseItem } from './item-parser';
import type { TimeSlices } from './time-slices';

// Validation of a whole catalog, item by item: one broken item is hidden and
// reported (reason + JSON path), the rest is served. Only a broken envelope
// or a catalog with no valid item is refused as a whole.

export interface Problem {
  /** JSON path into the file, e.g. $.items[3].materials[0].copies */
  path: string;
  reason: string;
}

export interface HiddenItem {
  index: number;
  /** Whatever id/code the broken entry carried, to find it in the file. */
  id: string | null;
  code: string | null;
  problems: Problem[];
}

export interface ValidCatalog {
  version: string;
  publishedAt: string;
  source?: string;
  categories: Category[];
  complaintCategories: ComplaintCategory[];
  items: CatalogItem[];
  hidden: HiddenItem[];
  total: number;
}

export type Validation = { ok: true; catalog: ValidCatalog } | { ok: false; problems: Problem[] };

function jsonPath(base: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : `${acc}.${String(k)}`), base);
}

function toProblems(base: string, issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.flatMap((issue) => {
    // Unions report their branches' issues; surface those (the closest branch tells what is wrong).
    if (issue.code === 'invalid_union' && issue.errors.length) {
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
      if (best.length) return toProblems(jsonPath(base, issue.path), best);
    }
    return [{ path: jsonPath(base, issue.path), reason: issue.message }];
  });
}

/** The whole catalog in one go (at boot, before the daemon listens). */
export function validateCatalog(json: unknown): Validation {
  const env = CatalogFile.safeParse(json);
  if (!env.success) return { ok: false, problems: toProblems('$', env.error.issues) };
  const items = itemChecker(env.data);
  env.data.items.forEach(items.check);
  return items.result();
}

/** The same, item by item in time slices (a refresh while pages are being served). */
export async function validateCatalogInSlices(json: unknown, slices: TimeSlices): Promise<Validation> {
  const env = CatalogFile.safeParse(json);
  if (!env.success) return { ok: false, problems: toProblems('$', env.error.issues) };
  const items = itemChecker(env.data);
  await slices.map(env.data.items, items.check);
  return items.result();
}

/** From this many items on, items are parsed by the compiled parser (item-parser.ts): making it costs more than parsing a few dozen. */
const COMPILED_FROM = 500;

/** Checks a file's items one at a time, in order; result() once all were checked. */
function itemChecker(file: CatalogFile) {
  const categoryIds = new Set(file.categories.map((c) => c.id));
  const seenIds = new Set<string>();
  const seenCodes = new Set<string>();
  const items: CatalogItem[] = [];
  const hidden: HiddenItem[] = [];
  const fast = file.items.length >= COMPILED_FROM;
  const check = (raw: unknown, index: number): void => {
    const r = parseItem(raw, fast);
    const it = r.success ? r.data : undefined;
    // The common case, a valid item that is not a duplicate, allocates nothing here (thousands per refresh).
    if (it && categoryIds.has(it.category) && !seenIds.has(it.id) && !seenCodes.has(it.code)) {
      seenIds.add(it.id);
      seenCodes.add(it.code);
      items.push(it);
      return;
    }
    const base = `$.items[${index}]`;
    const problems: Problem[] = r.success ? [] : toProblems(base, r.issues);
    if (it) {
      if (!categoryIds.has(it.category)) problems.push({ path: `${base}.category`, reason: `category ${it.category} is not in the catalog's categories` });
      if (seenIds.has(it.id)) problems.push({ path: `${base}.id`, reason: `duplicate item id ${it.id}` });
      if (seenCodes.has(it.code)) problems.push({ path: `${base}.code`, reason: `duplicate item code ${it.code}` });
    }
    hidden.push({ index, id: stringField(raw, 'id'), code: stringField(raw, 'code'), problems });
  };
  const result = (): Validation => {
    if (items.length === 0) return { ok: false, problems: [{ path: '$.items', reason: `no valid item (${hidden.length} broken)` }, ...hidden.flatMap((h) => h.problems).slice(0, 20)] };
    return {
      ok: true,
      catalog: {
        version: file.version,
        publishedAt: file.publishedAt,
        ...(file.source ? { source: file.source } : {}),
        categories: [...file.categories].sort((a, b) => a.order - b.order),
        complaintCategories: file.complaintCategories,
        items,
        hidden,
        total: file.items.length,
      },
    };
  };
  return { check, result };
}

function stringField(raw: unknown, key: string): string | null {
  if (raw && typeof raw === 'object' && typeof (raw as Record<string, unknown>)[key] === 'string') return ((raw as Record<string, unknown>)[key] as string).slice(0, 80);
  return null;
}
