import { z } from 'zod';
import { CatalogItem, EligibilityRule, FormField, Material, Terminal } from '../../contract/catalog/catalog-schema';

// A platform refresh parses thousands of items. zod's runtime parser walks the
// schema for every value (and allocates a result per node): ~100 µs per item,
// most of a 5,000-item refresh. zod's compiler (z.core.compileFn, what
// z.compile uses) turns a schema into a generated function that answers "valid,
// here is the parsed item" or "not valid"; an item it does not accept is parsed
// again by the runtime parser, whose issues are the problems reported. So what
// is accepted, the parsed item and the problems are the runtime parser's, only
// faster for the items that are valid.
//
// The item schema is not compiled as one function. One function for all of it
// is ~2,800 generated lines: V8 runs it unoptimised (slower than the runtime
// parser) until its optimising compiler has spent seconds of CPU on it, so the
// first refreshes of a process paid for that. Here the parts below (ISLANDS)
// are compiled as functions of their own, which the item's function calls
// through a transform: each is small enough to be optimised within the first
// refresh, and a part used in several places (a form field in precheck and in
// apply) is one function. An island's transform returns exactly what the
// part's parser returns, or fails the whole item (then the runtime parser
// parses it), so the item parsed is the same.
//
// z.compile refuses a schema with a reference cycle (eligibility conditions
// nest through z.lazy). A z.lazy is an island too, whose nested conditions
// call the island's own function: conditions nested to any depth are parsed
// by compiled code, with the runtime parser's acceptance and output.

type AnySchema = z.core.$ZodType & { clone: (def: object) => AnySchema };
type Def = { type: string; checks?: unknown[] } & Record<string, unknown>;
type Parser = (input: unknown) => unknown;

/** Parts compiled as functions of their own (with every z.lazy). */
const ISLANDS: ReadonlySet<unknown> = new Set([Terminal, FormField, EligibilityRule, Material]);

/** `schema` with each island replaced by a transform calling the island's compiled parser (made once per island). */
function withIslands(schema: AnySchema, made: Map<AnySchema, AnySchema>): AnySchema {
  const done = made.get(schema);
  if (done) return done;
  const def = schema._zod.def as unknown as Def;
  if (!ISLANDS.has(schema) && def.type !== 'lazy') {
    const out = withParts(schema, made);
    made.set(schema, out);
    return out;
  }
  // The transform is registered before the island's own schema is rewritten: a z.lazy met again inside it calls this same island.
  let parser: Parser = () => z.INVALID;
  const island = z.unknown().transform((value, ctx) => {
    const out = parser(value);
    if (out !== z.INVALID) return out;
    ctx.addIssue({ code: 'custom', message: 'not valid (the runtime parser says why)' });
    return z.NEVER;
  }) as unknown as AnySchema;
  made.set(schema, island);
  const inner = def.type === 'lazy' ? withIslands((def.getter as () => AnySchema)(), made) : withParts(schema, made);
  parser = z.core.compileFn(inner) as Parser;
  return island;
}

/** `schema` itself with its parts' islands in place (a clone when one of them changed). */
function withParts(schema: AnySchema, made: Map<AnySchema, AnySchema>): AnySchema {
  const def = schema._zod.def as unknown as Def;
  const again = (s: AnySchema) => withIslands(s, made);
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, AnySchema>;
      const next = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, again(v)]));
      return Object.keys(shape).some((k) => next[k] !== shape[k]) ? schema.clone({ ...def, shape: next }) : schema;
    }
    case 'array': {
      const element = again(def.element as AnySchema);
      return element === def.element ? schema : schema.clone({ ...def, element });
    }
    case 'union': {
      const options = (def.options as AnySchema[]).map(again);
      return options.some((o, i) => o !== (def.options as AnySchema[])[i]) ? schema.clone({ ...def, options }) : schema;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault': {
      const inner = again(def.innerType as AnySchema);
      return inner === def.innerType ? schema : schema.clone({ ...def, innerType: inner });
    }
    default:
      return schema;
  }
}

let compiled: Parser | null | undefined;

/**
 * The compiled item parser, made at first use (~50–100 ms of CPU: worth it
 * for a refresh of thousands of items, not for the 50 items read at boot).
 * Should zod's compiler ever refuse the schema (a form it does not compile),
 * the runtime parser does all the work: a refresh never fails for the sake of
 * speed (tests/device-daemon/catalog/item-parser.test.ts compiles today's
 * schema).
 */
function compiledItem(): Parser | null {
  if (compiled === undefined) {
    try {
      compiled = z.core.compileFn(withIslands(CatalogItem as unknown as AnySchema, new Map())) as Parser;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Whether zod's compiler took the schema (the refresh then uses it). */
export const compiledParserAvailable = (): boolean => compiledItem() !== null;

export type ItemParse = { success: true; data: CatalogItem } | { success: false; issues: readonly z.core.$ZodIssue[] };

/** One item: the compiled parser when `fast`, the runtime parser for what it refuses (and when not `fast`). */
export function parseItem(raw: unknown, fast: boolean): ItemParse {
  const fastParser = fast ? compiledItem() : null;
  if (fastParser) {
    const out = fastParser(raw);
    if (out !== z.INVALID) return { success: true, data: out as CatalogItem };
  }
  const r = CatalogItem.safeParse(raw);
  return r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues };
}
